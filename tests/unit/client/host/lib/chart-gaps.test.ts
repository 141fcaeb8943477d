/** Gaps drawn as gaps: null points where a series skips time, the clock buckets of the live charts, history steps. */
import { describe, expect, it } from 'vitest';
import { breakGaps, countGaps } from '../../../../../client/src/lib/chart-gaps.ts';
import { bucketStep, bucketTicks, continuousMs } from '../../../../../client/src/host/tick-buffer.ts';
import { historyCharts } from '../../../../../client/src/host/viewers/history-charts.ts';
import { SNAPSHOT_GAP_MS } from '../../../../../client/src/host/questions/snapshot-series.ts';
import { HOST_MESSAGES } from '../../../../../client/src/host/i18n/index.ts';
import { I18n } from '../../../../../client/src/lib/i18n.svelte.ts';

const seconds = (...s: number[]) => s.map((x) => ({ x: x * 1000, y: x }));

describe('breakGaps', () => {
  it('leaves a continuous series as it is (the same array)', () => {
    const points = seconds(1, 2, 3, 4);
    expect(breakGaps(points, 1000)).toBe(points);
    expect(breakGaps(points, undefined)).toBe(points);
    expect(countGaps(points, 1000)).toBe(0);
  });

  it('puts a null point inside every step longer than allowed', () => {
    const points = seconds(1, 2, 5, 6, 9);
    expect(breakGaps(points, 1000)).toEqual([
      { x: 1000, y: 1 },
      { x: 2000, y: 2 },
      { x: 3500, y: null },
      { x: 5000, y: 5 },
      { x: 6000, y: 6 },
      { x: 7500, y: null },
      { x: 9000, y: 9 },
    ]);
    expect(countGaps(points, 1000)).toBe(2);
    expect(breakGaps(points, 3000)).toBe(points);
  });

  it('keeps the points a series already had as null', () => {
    const points = [...seconds(1), { x: 2000, y: null }, ...seconds(3)];
    expect(breakGaps(points, 1000)).toBe(points);
  });
});

describe('live chart buckets', () => {
  const ticks = (...s: number[]) => s.map((x) => ({ t: x * 1000 }));

  it('takes one-second buckets up to the points a chart holds, whole seconds above', () => {
    expect(bucketStep(300_000, 720)).toBe(1000);
    expect(bucketStep(900_000, 720)).toBe(2000);
    expect(bucketStep(3_600_000, 720)).toBe(5000);
  });

  it('keeps every tick at one second, so one missing second is a gap', () => {
    const all = ticks(1, 2, 3, 5, 6);
    expect(bucketTicks(all, 1000)).toBe(all);
    const points = bucketTicks(all, 1000).map((t) => ({ x: t.t, y: 1 }));
    expect(countGaps(points, continuousMs(1000))).toBe(1);
  });

  it('keeps the last tick of each clock bucket, and breaks only where a whole bucket is empty', () => {
    const kept = bucketTicks(ticks(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 30, 31, 32), 5000);
    expect(kept.map((t) => t.t / 1000)).toEqual([4, 9, 14, 32]);
    const points = kept.map((t) => ({ x: t.t, y: 1 }));
    expect(countGaps(points, continuousMs(5000))).toBe(1);
  });

  it('aligns buckets to the clock, so a sliding range keeps the same points', () => {
    const a = bucketTicks(ticks(3, 4, 5, 6, 7, 8, 9, 10, 11), 5000).map((t) => t.t);
    const b = bucketTicks(ticks(4, 5, 6, 7, 8, 9, 10, 11, 12), 5000).map((t) => t.t);
    expect(a.slice(0, 2)).toEqual(b.slice(0, 2));
  });
});

describe('history and snapshot steps', () => {
  it('breaks a viewer history line where a 10 s bucket is missing', () => {
    const i18n = new I18n(HOST_MESSAGES, 'en');
    const rows = [0, 10, 20, 50].map((s) => ({ t: 1_700_000_000_000 + s * 1000, kbps: 900 }));
    const [chart] = historyCharts(rows as never, i18n, ['kbps']);
    expect(chart?.gapMs).toBe(10_000);
    expect(countGaps(chart?.series[0]?.points ?? [], chart?.gapMs)).toBe(1);
  });

  it('breaks a problem report where a one-second sample is missing', () => {
    expect(countGaps(seconds(1, 2, 3, 5), SNAPSHOT_GAP_MS)).toBe(1);
    expect(
      countGaps(
        [
          { x: 1000, y: 1 },
          { x: 2040, y: 1 },
        ],
        SNAPSHOT_GAP_MS,
      ),
    ).toBe(0);
  });
});
