/** @module What every time chart of one view shares: the visible time range, the host markers and the theme. */
import type { ChartMarker } from '../../lib/line-chart.svelte.ts';

export type ChartFrame = { xMin?: number; xMax?: number; markers: readonly ChartMarker[]; theme: string };
