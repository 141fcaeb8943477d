/** @module What every time chart of one view shares: the visible time range, the host markers, the theme, and the step beyond which a line breaks (a gap). */
import type { ChartMarker } from '../../lib/line-chart.svelte.ts';

export type ChartFrame = {
  xMin?: number;
  xMax?: number;
  markers: readonly ChartMarker[];
  theme: string;
  gapMs?: number;
};
