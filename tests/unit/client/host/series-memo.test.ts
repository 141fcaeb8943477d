/** A panel's series memo: the same series as computed whole, reading only the ticks a window gained. */
import { describe, expect, it } from 'vitest';
import type { Tick } from '../../../../shared/tick.ts';
import { overlap, SeriesMemo } from '../../../../client/src/host/series-memo.ts';
import { countSeries, distSeries, shareSeries, topKeys, valueSeries } from '../../../../client/src/host/series.ts';
import { makeTick } from './fakes.ts';

/** Tick i of a made-up show: codecs and bitrate that move with i, so that a series from the wrong ticks differs. */
const tickAt = (i: number): Tick =>
  makeTick(1_000 * i, {
    codecs: { AV1: 10 + (i % 7), VP9: i % 3, ...(i % 5 === 0 ? { H264: 4 } : {}) },
    bands: { good: 9 + (i % 4), fair: i % 2, poor: i % 3 === 0 ? 1 : 0 },
    bitrateKbps: { p10: 800 + i, p50: 1_200 + 2 * i, p90: 1_500 + 3 * i, n: 10 },
  });

/** A window sliding over `ticks` a few at a time: each step drops `drop` and adds `add`. */
function* windows(ticks: readonly Tick[], size: number, drop: number, add: number): Generator<readonly Tick[]> {
  for (let start = 0, end = size; end <= ticks.length; start += drop, end += add) yield ticks.slice(start, end);
}

describe('overlap', () => {
  it('finds where a window carries on from the last one', () => {
    expect(overlap([1, 2, 3, 4], [3, 4, 5])).toEqual({ from: 2, count: 2 });
    expect(overlap([1, 2, 3], [1, 2, 3])).toEqual({ from: 0, count: 3 });
    expect(overlap([1, 2, 3], [4, 5])).toEqual({ from: 0, count: 0 });
    expect(overlap([1, 2, 3, 4], [2, 9, 4])).toEqual({ from: 1, count: 1 });
    expect(overlap([1, 2], [])).toEqual({ from: 0, count: 0 });
  });
});

describe('SeriesMemo', () => {
  const show = Array.from({ length: 80 }, (_, i) => tickAt(i));

  it('gives every series as computed whole while the window slides', () => {
    const memo = new SeriesMemo();
    for (const ticks of windows(show, 30, 1, 2)) {
      expect(memo.dist(ticks, 'bitrateKbps', 'p50')).toEqual(distSeries(ticks, 'bitrateKbps', 'p50'));
      expect(memo.count(ticks, 'viewers', 'watching')).toEqual(countSeries(ticks, 'viewers', 'watching'));
      const keys = topKeys(ticks, (t) => t.codecs, 2);
      expect(memo.top('codecs', ticks, (t) => t.codecs, 2)).toEqual(keys);
      expect(memo.shares('codecs', ticks, (t) => t.codecs, keys, true)).toEqual(
        shareSeries(ticks, (t) => t.codecs, keys, true),
      );
    }
  });

  it('reads only the ticks it has not seen, and gives the same arrays for the same ticks', () => {
    const memo = new SeriesMemo();
    const read: number[] = [];
    const watching = (t: Tick) => (read.push(t.t), t.viewers.watching);
    const first = memo.values('watching', show.slice(0, 20), watching);
    expect(read).toHaveLength(20);
    read.length = 0;
    const ticks = show.slice(3, 25);
    expect(memo.values('watching', ticks, watching)).toEqual(valueSeries(ticks, (t) => t.viewers.watching));
    expect(read).toEqual([20, 21, 22, 23, 24].map((i) => 1_000 * i));
    expect(memo.values('watching', ticks, watching)).toBe(memo.values('watching', ticks, watching));
    expect(first).toHaveLength(40);
  });

  it('computes again from a tick that was replaced (a late copy of the same second)', () => {
    const memo = new SeriesMemo();
    memo.dist(show.slice(0, 10), 'bitrateKbps', 'p90');
    const late = makeTick(5_000, { bitrateKbps: { p10: 1, p50: 2, p90: 3, n: 1 } });
    const ticks = [...show.slice(1, 5), late, ...show.slice(6, 12)];
    expect(memo.dist(ticks, 'bitrateKbps', 'p90')).toEqual(distSeries(ticks, 'bitrateKbps', 'p90'));
    // The top keys take the replaced copy's counts off: it left the window after the part that carried on.
    const first = makeTick(1_000, { codecs: { H264: 50 } });
    memo.top('codecs', [first, makeTick(2_000, { codecs: { AV1: 2 } })], (t) => t.codecs, 3);
    const replaced = [first, makeTick(2_000, { codecs: { VP9: 3 } })];
    expect(memo.top('codecs', replaced, (t) => t.codecs, 3)).toEqual(['H264', 'VP9']);
  });

  it('starts over when the keys of a share change, and keeps slots apart', () => {
    const memo = new SeriesMemo();
    const ticks = show.slice(0, 10);
    memo.shares('codecs', ticks, (t) => t.codecs, ['AV1']);
    const next = show.slice(2, 14);
    expect(memo.shares('codecs', next, (t) => t.codecs, ['VP9', 'H264'])).toEqual(
      shareSeries(next, (t) => t.codecs, ['VP9', 'H264']),
    );
    expect(memo.dist(next, 'bitrateKbps', 'p10')).not.toEqual(memo.dist(next, 'bitrateKbps', 'p90'));
  });

  it('keeps the top keys right as counts leave the window, ties by name', () => {
    const memo = new SeriesMemo();
    const early = [makeTick(1_000, { codecs: { H264: 50, AV1: 1 } }), makeTick(2_000, { codecs: { AV1: 2, VP9: 2 } })];
    expect(memo.top('codecs', early, (t) => t.codecs, 2)).toEqual(['H264', 'AV1']);
    const later = [early[1] as Tick, makeTick(3_000, { codecs: { VP9: 1, AV1: 1 } })];
    expect(memo.top('codecs', later, (t) => t.codecs, 3)).toEqual(['AV1', 'VP9']);
    expect(topKeys(later, (t) => t.codecs, 3)).toEqual(['AV1', 'VP9']);
  });
});
