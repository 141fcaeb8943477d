/** @module The publisher batch schema: what it accepts, and that bad input names its field with a readable reason. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../../server/http/validate.ts';
import { MAX_PUBLISHER_SAMPLES_PER_BATCH } from '../../../shared/limits.ts';
import { plausiblePublisherBatch, type PublisherBatch } from '../../../shared/publisher-sample.ts';

const NOW = 1_800_000_000_000;
const schema = plausiblePublisherBatch(() => NOW);
const sample = (seq: number, extra: Record<string, unknown> = {}) => ({
  seq,
  t: NOW - 1000 + seq,
  st: 'connected',
  vo: { ss: 1, c: 'AV1', by: 1000 * seq, ps: 10 * seq, fe: 30 * seq, ql: 'cpu', qd: { n: 1, c: 2, b: 0, o: 0 } },
  ao: { ss: 2, by: 100 * seq, ps: 5 * seq, rl: 0, rtt: 0.02 },
  ne: { rtt: 0.02, ab: 2_500_000 },
  ...extra,
});
const batch = (samples: unknown[], extra: Record<string, unknown> = {}) => ({
  eventId: 'ev1',
  pid: 'pub-0123456789',
  samples,
  ...extra,
});

/** `{ field, message }` of the first issue, as the ack carries it. */
function refusal(input: unknown): { field: string | undefined; message: string } {
  const result = v.safeParse(schema, input);
  if (result.success) throw new Error('expected a refusal');
  return describeIssues(result.issues);
}

describe('PublisherBatchSchema', () => {
  it('accepts a batch of real-looking samples, with or without the end flag', () => {
    const parsed = v.parse(schema, batch([sample(1), sample(2)], { end: true })) satisfies PublisherBatch;
    expect(parsed.samples.map((s) => s.seq)).toEqual([1, 2]);
    expect(v.safeParse(schema, batch([{ seq: 1, t: NOW }])).success).toBe(true);
  });

  it('names the field and says what is wrong', () => {
    expect(refusal(batch([sample(1, { vo: { ss: 1, by: -5, ps: 1 } })]))).toEqual({
      field: 'samples.0.vo.by',
      message: expect.stringContaining('>=0') as string,
    });
    expect(refusal(batch([sample(1, { vo: { ss: 1, by: 1, ps: 1, ql: 'gpu' } })])).field).toBe('samples.0.vo.ql');
    expect(refusal(batch([sample(1)], { pid: 'x' }))).toEqual({
      field: 'pid',
      message: 'must be 8-64 letters, digits, "_" or "-"',
    });
    expect(refusal(batch([]))).toEqual({ field: 'samples', message: 'must hold at least one sample' });
    expect(refusal(batch([sample(2), sample(1)]))).toEqual({
      field: 'samples',
      message: 'must be in increasing seq order',
    });
    expect(refusal({ pid: 'pub-0123456789', samples: [sample(1)] }).field).toBe('eventId');
  });

  it('bounds the batch size', () => {
    const many = Array.from({ length: MAX_PUBLISHER_SAMPLES_PER_BATCH + 1 }, (_, i) => sample(i + 1));
    expect(refusal(batch(many))).toEqual({
      field: 'samples',
      message: `must hold at most ${MAX_PUBLISHER_SAMPLES_PER_BATCH} samples`,
    });
  });

  it('refuses implausible values: a clock two days off, a frame beyond 8K, a frame rate no encoder reaches', () => {
    expect(refusal(batch([sample(1, { t: NOW + 48 * 3_600_000 })]))).toEqual({
      field: 'samples.0.t',
      message: 'samples.0.t is 48 h away from the server clock (at most 24 h)',
    });
    expect(refusal(batch([sample(1, { vo: { ss: 1, by: 1, ps: 1, w: 7680, h: 7680 } })])).field).toBe('samples.0.vo.w');
    expect(refusal(batch([sample(1, { vo: { ss: 1, by: 1, ps: 1, fps: 999 } })])).field).toBe('samples.0.vo.fps');
  });
});
