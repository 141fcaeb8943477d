/** @module The collector's recent-samples ring: what a viewer's "report a problem" sends, acked or not. */
import { describe, expect, it } from 'vitest';
import { RecentSamples } from '../../../../client/src/collector/recent-samples.ts';
import { REPORT_WINDOW_MS } from '../../../../shared/question.ts';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import { harness } from './collector-harness.ts';

const sample = (seq: number, t: number): StatsSample => ({ seq, t, st: 'connected' });

describe('RecentSamples', () => {
  it('refuses a capacity below one', () => {
    expect(() => new RecentSamples(0)).toThrow(RangeError);
  });

  it('is empty before the first sample', () => {
    expect(new RecentSamples(3).within(30_000)).toEqual([]);
  });

  it('returns the samples within the window of the newest one, oldest first, and drops the oldest when full', () => {
    const ring = new RecentSamples(4);
    for (let i = 1; i <= 6; i += 1) ring.push(sample(i, i * 10_000));
    expect(ring.within(Infinity).map((s) => s.seq)).toEqual([3, 4, 5, 6]);
    expect(ring.within(20_000).map((s) => s.seq)).toEqual([4, 5, 6]);
    expect(ring.within(0).map((s) => s.seq)).toEqual([6]);
  });

  it('hands out copies: a caller cannot change what it keeps', () => {
    const ring = new RecentSamples(2);
    ring.push(sample(1, 1_000));
    const [copy] = ring.within(1_000);
    (copy as StatsSample).seq = 99;
    expect(ring.within(1_000)[0]?.seq).toBe(1);
  });
});

describe('collector.recentSamples', () => {
  it('keeps the last 30 s of polled samples even after the server acknowledged them', async () => {
    const { clock, collector } = harness();
    collector.start();
    await clock.advance(60_500);
    expect(collector.stats()).toMatchObject({ seq: 60, buffered: 0 });
    const recent = collector.recentSamples(REPORT_WINDOW_MS);
    expect(recent.map((s) => s.seq)).toEqual(Array.from({ length: 31 }, (_, i) => 30 + i));
    expect(recent[0]?.vi).toMatchObject({ by: 30_000 });
    collector.stop();
  });

  it('is empty while there is no peer connection (nothing was polled)', async () => {
    const { clock, collector } = harness({ getStats: async () => null });
    collector.start();
    await clock.advance(5_000);
    expect(collector.recentSamples(REPORT_WINDOW_MS)).toEqual([]);
    collector.stop();
  });
});
