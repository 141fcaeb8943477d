/**
 * @module What every time chart of one view shares: the visible time range, the host markers, the theme, the step
 * beyond which a line breaks (a gap), and what a drag across the plot does (zoom every chart).
 */
import type { BrushHandler, ChartMarker } from '../../lib/line-chart.svelte.ts';

export type ChartFrame = {
  xMin?: number;
  xMax?: number;
  markers: readonly ChartMarker[];
  theme: string;
  gapMs?: number;
  onBrush?: BrushHandler;
};
