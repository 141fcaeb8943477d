/** Chart series from ticks: percentiles, shares, top keys and breakdown rows. */
import { describe, expect, it } from 'vitest';
import { breakdown, distSeries, shareSeries, topKeys, valueSeries } from '../../../../client/src/host/series.ts';
import { unpackPoints } from '../../../../client/src/lib/chart-points.ts';
import { makeTick } from './fakes.ts';

describe('series', () => {
  it('reads percentiles and values, with gaps where there is no data', () => {
    const ticks = [makeTick(1000), makeTick(2000, { bitrateKbps: null })];
    expect(unpackPoints(distSeries(ticks, 'bitrateKbps', 'p10'))).toEqual([
      { x: 1000, y: 800 },
      { x: 2000, y: null },
    ]);
    expect(unpackPoints(valueSeries(ticks, (t) => t.viewers.watching)).map((p) => p.y)).toEqual([10, 10]);
  });

  it('turns counts into shares, optionally with "other"', () => {
    const ticks = [makeTick(1000, { codecs: { AV1: 3, VP9: 1 } }), makeTick(2000, { codecs: {} })];
    const shares = shareSeries(ticks, (t) => t.codecs, ['AV1'], true);
    expect(unpackPoints(shares.AV1 ?? new Float64Array()).map((p) => p.y)).toEqual([75, null]);
    expect(unpackPoints(shares.other ?? new Float64Array()).map((p) => p.y)).toEqual([25, null]);
  });

  it('picks the top keys, in a fixed order when given', () => {
    const ticks = [makeTick(1000, { codecs: { VP9: 5, AV1: 3, H264: 1 } })];
    expect(topKeys(ticks, (t) => t.codecs, 2)).toEqual(['VP9', 'AV1']);
    expect(topKeys(ticks, (t) => t.codecs, 2, ['AV1', 'VP9'])).toEqual(['AV1', 'VP9']);
  });

  it('builds breakdown rows with "other" for the rest', () => {
    const rows = breakdown({ Chrome: 6, Firefox: 2, Safari: 1, Edge: 1 }, 3);
    expect(rows.map((r) => [r.key, r.count])).toEqual([
      ['Chrome', 6],
      ['Firefox', 2],
      ['other', 2],
    ]);
    expect(rows[0]?.pct).toBe(60);
    expect(breakdown({}, 3)).toEqual([]);
  });
});
