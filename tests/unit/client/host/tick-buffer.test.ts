/** The bounded tick buffers: merge without duplicates, append, range cut, thinning. */
import { describe, expect, it } from 'vitest';
import {
  appendTick,
  firstAtOrAfter,
  lastSpan,
  mergeTicks,
  thinTicks,
} from '../../../../client/src/host/tick-buffer.ts';
import { makeTick, ticksUntil } from './fakes.ts';

describe('tick buffer', () => {
  it('merges by time, the newer copy winning, and keeps the newest max', () => {
    const a = ticksUntil(5000, 5);
    const b = [makeTick(3000, { phase: 'ended' }), makeTick(6000)];
    const merged = mergeTicks(a, b, 4);
    expect(merged.map((t) => t.t)).toEqual([3000, 4000, 5000, 6000]);
    expect(merged[0]?.phase).toBe('ended');
  });

  it('appends a newer tick by copying, and merges an older one', () => {
    const ticks = ticksUntil(3000, 3);
    const next = appendTick(ticks, makeTick(4000), 3);
    expect(next.map((t) => t.t)).toEqual([2000, 3000, 4000]);
    expect(ticks).toHaveLength(3);
    expect(appendTick(next, makeTick(2500), 10).map((t) => t.t)).toEqual([2000, 2500, 3000, 4000]);
  });

  it('finds the range by binary search', () => {
    const ticks = ticksUntil(10_000, 10); // 1000 … 10000
    expect(firstAtOrAfter(ticks, 0)).toBe(0);
    expect(firstAtOrAfter(ticks, 3500)).toBe(3);
    expect(firstAtOrAfter(ticks, 99_999)).toBe(10);
    expect(lastSpan(ticks, 3000, 10_000).map((t) => t.t)).toEqual([8000, 9000, 10_000]);
    expect(lastSpan(ticks, Infinity, 10_000)).toBe(ticks);
  });

  it('thins evenly, keeping the first and last', () => {
    const xs = Array.from({ length: 101 }, (_, i) => i);
    expect(thinTicks(xs, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(thinTicks(xs, 200)).toBe(xs);
  });
});
