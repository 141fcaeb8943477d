/**
 * @module The line chart's datasets, kept in place: chart.js matches a dataset's state (its meta, controller and one
 * element per point) by the dataset object, so handing it new objects on every update rebuilds all of that each
 * second for every chart (issue 12: most of the dashboard's cost per tick at 10,000 viewers). Here the objects stay
 * and only their fields change. Colors named by CSS custom properties are read once per theme, not on every update.
 */
import type { Chart, ChartDataset } from 'chart.js';
import { breakGaps } from './chart-gaps.ts';

export type Point = { x: number; y: number | null };

export type ChartSeries = {
  label: string;
  /** A CSS color or a custom property name such as `--c-blue`. */
  color: string;
  points: readonly Point[];
  /** chart.js fill target: `'origin'`, `'-1'` (the previous series), or false. */
  fill?: string | false;
  /** Opacity of the fill (default 0.18). */
  fillAlpha?: number;
  /** Color of the fill when it differs from the line's. */
  fillColor?: string;
  width?: number;
  dash?: number[];
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

/** Makes `chart`'s datasets show `series`, reusing the dataset objects it already has. */
export function syncDatasets(
  chart: Chart<'line', Point[]>,
  series: readonly ChartSeries[],
  color: ColorResolver,
  o: { stacked: boolean; gapMs: number | undefined },
): void {
  const list = chart.data.datasets;
  series.forEach((s, i) => {
    const d: ChartDataset<'line', Point[]> = list[i] ?? (list[i] = { data: [] });
    const line = color(s.color);
    d.label = s.label;
    d.data = breakGaps(s.points, o.gapMs) as Point[];
    d.borderColor = line;
    d.backgroundColor = withAlpha(s.fillColor ? color(s.fillColor) : line, s.fillAlpha ?? (o.stacked ? 0.55 : 0.18));
    d.borderWidth = s.width ?? (o.stacked ? 1 : 1.6);
    d.borderDash = s.dash ?? [];
    // Stacked areas fill down to the series below them.
    d.fill = s.fill ?? (o.stacked ? (i === 0 ? 'origin' : '-1') : false);
    // Sparse series (a viewer's first minutes) show their points; dense ones are lines only.
    d.pointRadius = s.points.length <= 12 ? 2 : 0;
    d.pointHoverRadius = 3;
    d.pointHitRadius = 6;
    d.tension = 0;
    d.spanGaps = false;
  });
  list.length = series.length;
}
