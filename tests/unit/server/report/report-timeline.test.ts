import { expect, it } from 'vitest';
import { bucketSeconds, downsampleTicks, MAX_TIMELINE_POINTS } from '../../../../server/report/report-timeline.ts';
import { T0, ticks } from './report-fixtures.ts';

it('keeps every second when the phase fits, and keys each point to its first second', () => {
  const points = downsampleTicks(ticks(3));
  expect(points.map((p) => [p.t, p.seconds])).toEqual([
    [T0, 1],
    [T0 + 1000, 1],
    [T0 + 2000, 1],
  ]);
});

it('reduces two hours to at most 1,500 points without averaging away a one-second spike', () => {
  const spike = 4_321;
  const tk = ticks(7_200, (i) =>
    i === spike
      ? {
          lossPct: { p10: 0, p50: 3, p90: 40, n: 10 },
          bands: { good: 2, fair: 0, poor: 8 },
          failures: { 'ice-failed': 1 },
        }
      : { lossPct: { p10: 0, p50: 0.1, p90: 0.5, n: 10 }, failures: i > spike ? { 'ice-failed': 1 } : {} },
  );
  expect(bucketSeconds(T0, T0 + 7_199_000)).toBe(5);
  const points = downsampleTicks(tk);
  expect(points.length).toBeLessThanOrEqual(MAX_TIMELINE_POINTS);
  expect(points).toHaveLength(1_440);
  const hit = points.find((p) => p.t <= T0 + spike * 1000 && T0 + spike * 1000 < p.t + p.seconds * 1000);
  expect(hit).toMatchObject({ lossP90: { min: 0.5, max: 40 }, bands: { good: 2, poor: 8 }, failures: 1, seconds: 5 });
  expect(points.reduce((sum, p) => sum + p.failures, 0)).toBe(1);
  expect(points.filter((p) => p.lossP90?.max === 40)).toHaveLength(1);
});

it('answers null for a series no second of the bucket had', () => {
  const [point] = downsampleTicks(ticks(2, () => ({ rttMs: null })));
  expect(point?.rttP90).toBeNull();
  expect(point?.bitrateP50).toEqual({ min: 1200, max: 1200 });
});
