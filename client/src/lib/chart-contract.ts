/**
 * @module What the page and the drawing side of a line chart (chart-draw.ts) exchange: plain data, which can cross to
 * the chart worker (chart-worker.ts) as well as stay on the page (chart-host.ts).
 */
import type { PackedSeries } from './chart-datasets.ts';
import type { ChartMarker } from './chart-markers.ts';
import type { ValueFormat } from './format.ts';

/** Every color a chart uses, resolved by the page (themes are CSS custom properties). */
export type ChartColors = {
  grid: string;
  text: string;
  marker: string;
  markerText: string;
  markerBackground: string;
  tooltipBackground: string;
  tooltipText: string;
  brush: string;
};

export type ChartDraw = {
  /** Numbered by the page; the acknowledgement names it. */
  seq: number;
  series: PackedSeries[];
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
  stacked: boolean;
  integer: boolean;
  format?: ValueFormat;
  markers: ChartMarker[];
  gapMs?: number;
  colors: ChartColors;
  /** The page's `--text-scale` where the chart is. */
  textScale: number;
  /** Whether a drag picks a time range. */
  brush: boolean;
};

/** CSS pixels and the device pixel ratio. */
export type ChartSize = { width: number; height: number; dpr: number };

/** x, y: CSS pixels from the canvas's top left. */
export type PointerInput = { kind: 'move' | 'leave' | 'down' | 'up'; x: number; y: number };

export type DrawingEvent =
  { type: 'drawn'; seq: number; plotPx: number } | { type: 'brushed'; from: number; to: number };

export type Drawing = {
  draw(d: ChartDraw): void;
  resize(size: ChartSize): void;
  pointer(p: PointerInput): void;
  destroy(): void;
};
