/** @module Compact viewer:stats acks (issue 11): a bare ackSeq while the cadence is unchanged, full when it changes or every 30 s. */
import { describe, expect, it } from 'vitest';
import { CADENCE_REFRESH_MS, fullAcks, statsAck, welcomed } from '../../../../server/viewers/compact-acks.ts';

describe('compact acks', () => {
  it('answers in full until a hello asks for compact acks, and in full to a hello that does not', () => {
    const form = fullAcks();
    expect(statsAck(form, 3, 2_000, 0)).toEqual({ ackSeq: 3, sendIntervalMs: 2_000 });
    welcomed(form, false, 2_000, 0);
    expect(statsAck(form, 4, 2_000, 1_000)).toEqual({ ackSeq: 4, sendIntervalMs: 2_000 });
  });

  it('sends the bare ackSeq while the cadence is the one told at the hello, the full form when it changes', () => {
    const form = fullAcks();
    welcomed(form, true, 5_000, 0);
    expect(statsAck(form, 5, 5_000, 5_000)).toBe(5);
    expect(statsAck(form, 10, 10_000, 10_000)).toEqual({ ackSeq: 10, sendIntervalMs: 10_000 });
    expect(statsAck(form, 20, 10_000, 20_000)).toBe(20);
    expect(statsAck(form, 25, 5_000, 25_000)).toEqual({ ackSeq: 25, sendIntervalMs: 5_000 });
  });

  it('tells the cadence again at least every 30 s (a collector may have given up on the ack that changed it)', () => {
    const form = fullAcks();
    welcomed(form, true, 5_000, 0);
    const forms = [5_000, 10_000, 25_000, CADENCE_REFRESH_MS, 35_000, CADENCE_REFRESH_MS + 29_999].map(
      (t) => typeof statsAck(form, t, 5_000, t),
    );
    expect(forms).toEqual(['number', 'number', 'number', 'object', 'number', 'number']);
    expect(statsAck(form, 1, 5_000, 2 * CADENCE_REFRESH_MS)).toEqual({ ackSeq: 1, sendIntervalMs: 5_000 });
  });
});
