/**
 * The charts' pure parts on both sides of the worker boundary: wall-clock time ticks, colors with alpha, series packed
 * by the page (colors resolved, no value as NaN) and unpacked into the datasets chart.js keeps, and number formats sent
 * as data.
 */
import type { Chart } from 'chart.js';
import { describe, expect, it } from 'vitest';
import {
  packSeries,
  syncDatasets,
  withAlpha,
  type ColorResolver,
  type Point,
} from '../../../../../client/src/lib/chart-datasets.ts';
import { timeTicks } from '../../../../../client/src/lib/chart-draw.ts';
import { formatValue } from '../../../../../client/src/lib/format.ts';

const css: ColorResolver = Object.assign((c: string) => (c === '--c-blue' ? '#0000ff' : c), { theme: () => {} });

describe('line chart helpers', () => {
  it('puts time ticks on round wall-clock steps, at most the given count', () => {
    const start = new Date(2026, 0, 1, 10, 0, 7).getTime();
    const ticks = timeTicks(start, start + 15 * 60_000, 6);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.every((t) => new Date(t).getSeconds() === 0 && new Date(t).getMinutes() % 5 === 0)).toBe(true);
    const short = timeTicks(start, start + 60_000, 6);
    expect(short.every((t) => new Date(t).getSeconds() % 10 === 0)).toBe(true);
    expect(timeTicks(start, start, 6)).toEqual([]);
  });

  it('adds alpha to hex and rgb colors', () => {
    expect(withAlpha('#ff8000', 0.5)).toBe('rgba(255, 128, 0, 0.5)');
    expect(withAlpha('rgb(1, 2, 3)', 0.2)).toBe('rgba(1, 2, 3, 0.2)');
    expect(withAlpha('red', 0.2)).toBe('red');
  });
});

describe('series across the worker boundary', () => {
  const points: Point[] = [
    { x: 0, y: 1 },
    { x: 1_000, y: null },
    { x: 2_000, y: 3 },
    { x: 10_000, y: 4 },
  ];

  it('packs resolved colors and x, y pairs, a missing value as NaN', () => {
    const [s] = packSeries([{ label: 'p50', color: '--c-blue', points }], css, false);
    expect(s).toMatchObject({ label: 'p50', line: '#0000ff', background: 'rgba(0, 0, 255, 0.18)', fill: false });
    expect([...(s?.xy ?? [])]).toEqual([0, 1, 1_000, Number.NaN, 2_000, 3, 10_000, 4]);
    const stacked = packSeries(
      [
        { label: 'a', color: 'red', points },
        { label: 'b', color: 'red', points },
      ],
      css,
      true,
    );
    expect(stacked.map((x) => x.fill)).toEqual(['origin', '-1']);
  });

  it('unpacks into the datasets it already has, with nulls and gaps back', () => {
    const chart = { data: { datasets: [] } } as unknown as Chart<'line', Point[]>;
    const packed = packSeries([{ label: 'p50', color: 'red', points }], css, false);
    syncDatasets(chart, packed, 2_000);
    const first = chart.data.datasets[0];
    // The 8 s step is longer than 2 s: a null point breaks the line there.
    expect(first?.data).toEqual([...points.slice(0, 3), { x: 6_000, y: null }, points[3]]);
    syncDatasets(chart, packSeries([{ label: 'p90', color: 'red', points: points.slice(0, 2) }], css, false), 2_000);
    expect(chart.data.datasets[0]).toBe(first);
    expect(first?.label).toBe('p90');
    syncDatasets(chart, [], 2_000);
    expect(chart.data.datasets).toHaveLength(0);
  });

  it('formats values from a format sent as data', () => {
    expect(formatValue({ kind: 'bitrate', locale: 'en' }, 1_500)).toBe('1.5 Mbps');
    expect(formatValue({ kind: 'percent', locale: 'en', fine: 2 }, 0.054)).toBe('0.05%');
    expect(formatValue({ kind: 'percent', locale: 'en', fine: 2 }, 12.4)).toBe('12%');
    expect(formatValue({ kind: 'percent', locale: 'en', digits: 0 }, 50)).toBe('50%');
    expect(formatValue({ kind: 'number', locale: 'en', template: '{n} /min' }, 1.25)).toBe('1.25 /min');
    expect(formatValue({ kind: 'number', locale: 'en', template: '{n} /min' }, null)).toBe('–');
    expect(formatValue({ kind: 'height' }, 1080)).toBe('1080p');
  });
});
