/** The bounded tick buffers: merge without duplicates, append, range cut, thinning. */
import { describe, expect, it } from 'vitest';
import {
  bucketTicks,
  bucketWindow,
  chartTicks,
  firstAtOrAfter,
  lastSpan,
  mergeTicks,
  pushTick,
  thinTicks,
} from '../../../../client/src/host/tick-buffer.ts';
import { makeTick, ticksUntil } from './fakes.ts';
import type { Tick } from '../../../../shared/tick.ts';

describe('tick buffer', () => {
  it('merges by time, the newer copy winning, and keeps the newest max', () => {
    const a = ticksUntil(5000, 5);
    const b = [makeTick(3000, { phase: 'ended' }), makeTick(6000)];
    const merged = mergeTicks(a, b, 4);
    expect(merged.map((t) => t.t)).toEqual([3000, 4000, 5000, 6000]);
    expect(merged[0]?.phase).toBe('ended');
  });

  it('appends a newer tick in place, dropping the oldest past the maximum, and merges an older one into a copy', () => {
    const ticks = ticksUntil(3000, 3);
    const next = pushTick(ticks, makeTick(4000), 3);
    expect(next).toBe(ticks);
    expect(next.map((t) => t.t)).toEqual([2000, 3000, 4000]);
    const merged = pushTick(next, makeTick(2500), 10);
    expect(merged).not.toBe(next);
    expect(merged.map((t) => t.t)).toEqual([2000, 2500, 3000, 4000]);
    expect(next.map((t) => t.t)).toEqual([2000, 3000, 4000]);
  });

  it('finds the range by binary search', () => {
    const ticks = ticksUntil(10_000, 10); // 1000 … 10000
    expect(firstAtOrAfter(ticks, 0)).toBe(0);
    expect(firstAtOrAfter(ticks, 3500)).toBe(3);
    expect(firstAtOrAfter(ticks, 99_999)).toBe(10);
    expect(lastSpan(ticks, 3000, 10_000).map((t) => t.t)).toEqual([8000, 9000, 10_000]);
    const all = lastSpan(ticks, Infinity, 10_000);
    expect(all).toEqual(ticks);
    expect(all).not.toBe(ticks); // a copy: the live buffer changes in place
  });

  it('thins evenly, keeping the first and last', () => {
    const xs = Array.from({ length: 101 }, (_, i) => i);
    expect(thinTicks(xs, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(thinTicks(xs, 200)).toBe(xs);
  });

  it('charts a live range without its filling bucket, and hands back the same array until a bucket completes', () => {
    // 3 s buckets: 0–2 s, 3–5 s, 6–8 s; a live range at 7 s has 6–8 s still filling.
    const at7 = ticksUntil(7000, 8);
    const first = chartTicks([], at7, 3000, true);
    expect(first.map((t) => t.t)).toEqual([2000, 5000]);
    // 8 s completes the 6–8 s bucket: a new array with it.
    const at8 = [...at7, makeTick(8000)];
    const second = chartTicks(first, at8, 3000, true);
    expect(second.map((t) => t.t)).toEqual([2000, 5000, 8000]);
    // 9 s and 10 s fill the next bucket: the same array, so nothing downstream is computed again.
    expect(chartTicks(second, [...at8, makeTick(9000)], 3000, true)).toBe(second);
    expect(chartTicks(second, [...at8, makeTick(9000), makeTick(10_000)], 3000, true)).toBe(second);
    // A still view (a finished phase) keeps its last, partial bucket; 1 s buckets are always complete.
    expect(chartTicks([], at7, 3000, false).map((t) => t.t)).toEqual([2000, 5000, 7000]);
    expect(chartTicks([], at7, 1000, true)).toHaveLength(8);
  });

  it('keeps what bucketing the whole window keeps, as a window with gaps slides, and the same array while that is unchanged', () => {
    // The points computed whole: one per bucket, less a live window's newest while it fills.
    const whole = (ticks: readonly Tick[], step: number, live: boolean, offset: number) => {
      const kept = bucketTicks(ticks, step, offset);
      const last = kept.at(-1);
      const bucket = (t: number) => Math.floor((t - offset) / step);
      const filling = last !== undefined && bucket(last.t + 1000) === bucket(last.t);
      return live && filling && step > 1000 ? kept.slice(0, -1) : kept;
    };
    // A second in seven is missing, some runs of them longer than a bucket.
    const all = ticksUntil(120_000, 120).filter((t) => (t.t / 1000) % 7 !== 3 && (t.t < 40_000 || t.t > 47_000));
    for (const [step, live, offset] of [
      [3000, true, 0],
      [3000, true, 2000],
      [5000, false, 1000],
      [1000, true, 0],
    ] as const) {
      let prev: readonly Tick[] = [];
      let unchanged = 0;
      for (let end = 1; end <= all.length; end += 1) {
        const window = all.slice(Math.max(0, end - 20), end);
        const expected = whole(window, step, live, offset);
        const got = chartTicks(prev, window, step, live, offset);
        expect(got).toEqual(expected);
        const same = expected.length === prev.length && expected.every((t, i) => t === prev[i]);
        if (same) unchanged += 1;
        expect(got === prev).toBe(same);
        prev = got;
      }
      if (live && step > 1000) expect(unchanged).toBeGreaterThan(30);
    }
  });

  it('moves a live window with its buckets, keeping its span and the newest kept point inside it', () => {
    // 3 s buckets. At 7 s (6–8 s filling) the newest point kept is 5 s; at 8 s it is 8 s.
    expect(bucketWindow(-893_000, 7000, 3000)).toEqual({ from: -894_000, to: 6000 });
    expect(bucketWindow(-892_000, 8000, 3000)).toEqual({ from: -891_000, to: 9000 });
    // The three seconds from one completed bucket to the next give one window: the charts get no new frame.
    const seconds = [8000, 9000, 10_000].map((to) => bucketWindow(to - 900_000, to, 3000));
    expect(new Set(seconds.map((w) => `${w.from}–${w.to}`)).size).toBe(1);
    for (const to of [5000, 6000, 7000, 8000]) {
      const newest = chartTicks([], ticksUntil(to, to / 1000), 3000, true).at(-1)?.t ?? 0;
      expect(bucketWindow(0, to, 3000).to).toBeGreaterThanOrEqual(newest);
    }
  });

  it('moves the buckets and the window by an offset, so that lanes of charts take their points on different seconds', () => {
    // Offset 1 s: buckets 1–3 s, 4–6 s, 7–9 s; at 7 s the 7–9 s bucket is filling (and 0 s is a bucket of its own).
    const at7 = ticksUntil(7000, 8);
    expect(chartTicks([], at7, 3000, true, 1000).map((t) => t.t)).toEqual([0, 3000, 6000]);
    // The seconds at which each offset's charts get a new point (their last bucket completes) never coincide.
    const all = ticksUntil(11_000, 12);
    const completesAt = (offsetMs: number) =>
      [6000, 7000, 8000, 9000, 10_000, 11_000].filter((to) => {
        const before = chartTicks([], all.slice(0, to / 1000), 3000, true, offsetMs);
        return chartTicks(before, all.slice(0, to / 1000 + 1), 3000, true, offsetMs) !== before;
      });
    expect([0, 1000, 2000].map(completesAt)).toEqual([
      [8000, 11_000],
      [6000, 9000],
      [7000, 10_000],
    ]);
    // The window ends at its own bucket's edge, and still holds its newest point.
    expect(bucketWindow(-893_000, 7000, 3000, 1000)).toEqual({ from: -893_000, to: 7000 });
    for (const to of [5000, 6000, 7000, 8000]) {
      const newest = chartTicks([], ticksUntil(to, to / 1000 + 1), 3000, true, 2000).at(-1)?.t ?? 0;
      expect(bucketWindow(0, to, 3000, 2000).to).toBeGreaterThanOrEqual(newest);
    }
  });
});
