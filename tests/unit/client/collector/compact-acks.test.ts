/** @module The collector asks for compact acks (issue 11): a bare ackSeq trims the buffer and keeps the cadence. */
import { describe, expect, it } from 'vitest';
import { harness } from './collector-harness.ts';

describe('collector: compact acks', () => {
  it('asks for them in its hello, keeps the cadence on a bare ackSeq and adopts the one in a full ack', async () => {
    const { clock, socket, server, collector, since } = harness();
    const full = socket.responders['viewer:stats'];
    let told = server.intervalMs;
    socket.responders['viewer:stats'] = (batch) => {
      const answer = full?.(batch);
      if (!answer?.ok || typeof answer.data === 'number') return answer;
      if (answer.data.sendIntervalMs === told) return { ok: true, data: answer.data.ackSeq };
      told = answer.data.sendIntervalMs;
      return answer;
    };
    collector.start();
    await clock.advance(6_600);
    expect(socket.of('viewer:hello')[0]?.payload).toEqual({ acks: 'compact' });
    expect(collector.stats()).toMatchObject({ acked: 6, buffered: 0, sendIntervalMs: 2_000 });

    server.intervalMs = 5_000;
    await clock.advance(15_000);
    const batches = socket.of('viewer:stats');
    expect(batches.map((b) => since(b.at))).toEqual([2_500, 4_500, 6_500, 8_500, 13_500, 18_500]);
    expect(collector.stats()).toMatchObject({ buffered: 3, sendIntervalMs: 5_000 });
    expect(collector.stats().acked).toBe(18);
  });
});
