/** The dashboard's chart range: presets, the host's zoom kept as asked and cut to the data, the URL, the ticks shown. */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { ChartRange, type RangeKey } from '../../../../../client/src/host/range/chart-range.svelte.ts';
import { readChartRange } from '../../../../../client/src/host/page-url.ts';
import { tickBounds, visibleTicks } from '../../../../../client/src/host/range/visible-ticks.ts';
import { MIN_RANGE_MS, type Range } from '../../../../../client/src/host/range/zoom-range.ts';
import { layered, within } from '../../../../../client/src/host/tick-buffer.ts';
import { makeTick, ticksUntil } from '../fakes.ts';

const T = 1_800_000_000_000;

function setup(bounds: Range | null, options: { preset?: RangeKey; custom?: Range | null } = {}) {
  const writes: Array<[RangeKey, Range | null]> = [];
  const zooms: Range[] = [];
  let whole = $state.raw(bounds);
  const range = new ChartRange(() => whole, {
    ...options,
    memory: { write: (preset, custom) => writes.push([preset, custom]) },
    onZoom: (r) => zooms.push(r),
  });
  return { range, writes, zooms, setWhole: (r: Range | null) => (whole = r) };
}

describe('ChartRange', () => {
  it('shows the preset up to the newest tick, at least a minute, never before the first', () => {
    const { range } = setup({ from: T - 3_600_000, to: T });
    expect(range.view).toEqual({ from: T - 900_000, to: T });
    range.setPreset('all');
    flushSync();
    expect(range.view).toEqual({ from: T - 3_600_000, to: T });
    const short = setup({ from: T - 10_000, to: T }).range;
    expect(short.view).toEqual({ from: T - 60_000, to: T });
  });

  it('zooms in either order, remembers it, asks for its ticks, and resets to the preset', () => {
    const { range, writes, zooms } = setup({ from: T - 3_600_000, to: T }, { preset: '60m' });
    range.zoom(T - 600_000, T - 1_200_000);
    flushSync();
    expect(range.view).toEqual({ from: T - 1_200_000, to: T - 600_000 });
    expect(zooms).toEqual([{ from: T - 1_200_000, to: T - 600_000 }]);
    range.zoom(T - 500_000, T - 499_000); // a click-drag: widened around its middle
    flushSync();
    expect(range.view!.to - range.view!.from).toBe(MIN_RANGE_MS);
    range.reset();
    flushSync();
    expect(range.custom).toBeNull();
    expect(range.view).toEqual({ from: T - 3_600_000, to: T });
    expect(writes.map(([preset, custom]) => [preset, custom !== null])).toEqual([
      ['60m', true],
      ['60m', true],
      ['60m', false],
    ]);
  });

  it('keeps a range from the URL as asked and cuts it to the data as the data arrives', () => {
    const { range, setWhole } = setup(null, { custom: { from: T - 7_200_000, to: T - 3_000_000 } });
    expect(range.view).toEqual({ from: T - 7_200_000, to: T - 3_000_000 });
    setWhole({ from: T - 3_600_000, to: T });
    flushSync();
    expect(range.view).toEqual({ from: T - 3_600_000, to: T - 3_000_000 });
    setWhole({ from: T - 9_000_000, to: T }); // the phase's older ticks came in
    flushSync();
    expect(range.view).toEqual({ from: T - 7_200_000, to: T - 3_000_000 });
  });

  it('picking a preset ends the zoom', () => {
    const { range } = setup({ from: T - 3_600_000, to: T }, { custom: { from: T - 100_000, to: T - 50_000 } });
    range.setPreset('5m');
    flushSync();
    expect(range.custom).toBeNull();
    expect(range.view).toEqual({ from: T - 300_000, to: T });
  });
});

describe('the ticks a view charts', () => {
  const live = ticksUntil(T, 600); // the live buffer: the last ten minutes
  const older = Array.from({ length: 60 }, (_, i) => makeTick(T - 3_600_000 + i * 50_000)); // thinned
  const zoomed = ticksUntil(T - 1_200_000, 300); // full resolution, before the live buffer

  it('pieces a zoom together from every source, each filling the time before the next', () => {
    const ticks = layered([older, zoomed, live], T - 1_800_000, T - 300_000);
    expect(ticks.every((t, i) => i === 0 || t.t > (ticks[i - 1]?.t ?? 0))).toBe(true);
    expect(ticks[0]?.t).toBeGreaterThanOrEqual(T - 1_800_000);
    expect(ticks.at(-1)?.t).toBe(T - 300_000);
    expect(ticks.filter((t) => t.t > T - 1_500_000 && t.t <= T - 1_200_000)).toHaveLength(300);
    expect(within(live, T - 10_000, T - 5_000)).toHaveLength(6);
  });

  it('uses the zoom while set, else the preset, and spans the data from the oldest tick known', () => {
    const sources = { ticks: live, older, zoomed };
    const preset = visibleTicks(sources, { preset: '5m', custom: null, view: null });
    expect(preset).toHaveLength(300);
    const custom = { from: T - 1_300_000, to: T - 1_250_000 };
    expect(visibleTicks(sources, { preset: '5m', custom, view: custom })).toHaveLength(51);
    expect(tickBounds(sources)).toEqual({ from: T - 3_600_000, to: T });
    expect(tickBounds({ ticks: [], older: [], zoomed: [] })).toBeNull();
  });
});

describe('range in the URL', () => {
  it('reads a preset and a custom range, and ignores nonsense', () => {
    expect(readChartRange('?range=60m&from=1000&to=61000')).toEqual({
      preset: '60m',
      custom: { from: 1000, to: 61000 },
    });
    expect(readChartRange('?range=2h&from=9&to=3')).toEqual({ preset: null, custom: null });
  });
});
