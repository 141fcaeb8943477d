/**
 * @module A line chart's series on both sides of the worker boundary. The page resolves their colors (CSS custom
 * properties, read once per theme) and packs their points into one Float64Array each (`packSeries`: one block of
 * memory to copy across, and never one of Svelte's state proxies, which cannot be cloned). The drawing side
 * (chart-draw.ts) unpacks them into chart.js datasets kept in place (`syncDatasets`): chart.js matches a dataset's
 * state (its meta, controller and one element per point) by the dataset object, so new objects on every update would
 * rebuild all of that for every chart.
 */
import type { Chart, ChartDataset } from 'chart.js';
import { breakGaps } from './chart-gaps.ts';
import { packPoints, unpackPoints, type Point, type Points } from './chart-points.ts';

export type { Point, Points } from './chart-points.ts';

export type ChartSeries = {
  label: string;
  /** A CSS color or a custom property name such as `--c-blue`. */
  color: string;
  points: Points;
  /** chart.js fill target: `'origin'`, `'-1'` (the previous series), or false. */
  fill?: string | false;
  /** Opacity of the fill (default 0.18). */
  fillAlpha?: number;
  /** Color of the fill when it differs from the line's. */
  fillColor?: string;
  width?: number;
  dash?: number[];
};

/** A series as it crosses to the drawing side: colors resolved, points as x, y pairs (NaN: no value). */
export type PackedSeries = {
  label: string;
  line: string;
  background: string;
  width: number;
  dash: number[];
  fill: string | false;
  xy: Float64Array;
};

/** `#rrggbb` or `rgb()` with an alpha. Other forms are returned as they are. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const n = Number.parseInt(hex[1] as string, 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = /^rgb\((.+)\)$/.exec(color);
  return rgb ? `rgba(${rgb[1]}, ${alpha})` : color;
}

export type ColorResolver = {
  /** A CSS color as given, or a custom property's value on the canvas (`#888` when unset). */
  (color: string): string;
  /** The theme the next colors are for: a change forgets what was read; undefined reads afresh every time. */
  theme(name: string | undefined): void;
};

export function colorResolver(canvas: HTMLElement): ColorResolver {
  const cache = new Map<string, string>();
  let current: string | undefined;
  const read = (name: string) => getComputedStyle(canvas).getPropertyValue(name).trim() || '#888';
  const resolve = (color: string): string => {
    if (!color.startsWith('--')) return color;
    if (current === undefined) return read(color);
    let value = cache.get(color);
    if (value === undefined) cache.set(color, (value = read(color)));
    return value;
  };
  resolve.theme = (name: string | undefined) => {
    if (name !== current) cache.clear();
    current = name;
  };
  return resolve;
}

export function packSeries(series: readonly ChartSeries[], color: ColorResolver, stacked: boolean): PackedSeries[] {
  return series.map((s, i) => {
    const line = color(s.color);
    return {
      label: s.label,
      line,
      background: withAlpha(s.fillColor ? color(s.fillColor) : line, s.fillAlpha ?? (stacked ? 0.55 : 0.18)),
      width: s.width ?? (stacked ? 1 : 1.6),
      dash: s.dash ?? [],
      // Stacked areas fill down to the series below them.
      fill: s.fill ?? (stacked ? (i === 0 ? 'origin' : '-1') : false),
      xy: packPoints(s.points),
    };
  });
}

/** Makes `chart`'s datasets show `series`, reusing the dataset objects it already has; `gapMs`: chart-gaps.ts. */
export function syncDatasets(
  chart: Chart<'line', Point[]>,
  series: readonly PackedSeries[],
  gapMs: number | undefined,
): void {
  const list = chart.data.datasets;
  series.forEach((s, i) => {
    const d: ChartDataset<'line', Point[]> = list[i] ?? (list[i] = { data: [] });
    const points = unpackPoints(s.xy);
    d.label = s.label;
    d.data = breakGaps(points, gapMs) as Point[];
    d.borderColor = s.line;
    d.backgroundColor = s.background;
    d.borderWidth = s.width;
    d.borderDash = s.dash;
    d.fill = s.fill;
    // Sparse series (a viewer's first minutes) show their points; dense ones are lines only.
    d.pointRadius = points.length <= 12 ? 2 : 0;
    d.pointHoverRadius = 3;
    d.pointHitRadius = 6;
    d.tension = 0;
    d.spanGaps = false;
  });
  list.length = series.length;
}
