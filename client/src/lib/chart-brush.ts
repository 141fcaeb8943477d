/**
 * @module Drag-to-zoom on the drawing side of a line chart (chart-draw.ts, its only user): a mouse drag across the
 * plot, forwarded by the page, shades the span; its release gives the chosen time range.
 */
import type { Chart, Plugin } from 'chart.js';

type BrushState = { start: number | null; end: number | null; fill: string };

const states = new WeakMap<Chart, BrushState>();
/** Drags narrower than this (px) are clicks, not ranges. */
const MIN_DRAG_PX = 6;

export const brushPlugin: Plugin<'line'> = {
  id: 'kansokuBrush',
  afterDatasetsDraw(chart) {
    const s = states.get(chart as unknown as Chart);
    if (!s || s.start === null || s.end === null) return;
    const { ctx, chartArea: area } = chart;
    ctx.save();
    ctx.fillStyle = s.fill;
    ctx.fillRect(Math.min(s.start, s.end), area.top, Math.abs(s.end - s.start), area.bottom - area.top);
    ctx.restore();
  },
};

export type Brush = {
  /** A drag starts at `x` (px from the canvas's left), shaded with `fill`. */
  down(x: number, fill: string): void;
  /** Whether a drag is under way (then it took the move). */
  move(x: number): boolean;
  /** The drag ends: the time range it spans, or null for a click or no drag. */
  up(): [number, number] | null;
};

export function brushOf(chart: Chart): Brush {
  const state: BrushState = { start: null, end: null, fill: 'transparent' };
  states.set(chart, state);
  const px = (x: number): number => Math.min(chart.chartArea.right, Math.max(chart.chartArea.left, x));
  return {
    down(x, fill) {
      state.fill = fill;
      state.start = state.end = px(x);
    },
    move(x) {
      if (state.start === null) return false;
      state.end = px(x);
      chart.draw();
      return true;
    },
    up() {
      const { start, end } = state;
      if (start === null || end === null) return null;
      state.start = state.end = null;
      chart.draw();
      const scale = chart.scales.x;
      if (!scale || Math.abs(end - start) < MIN_DRAG_PX) return null;
      return [scale.getValueForPixel(Math.min(start, end)) ?? 0, scale.getValueForPixel(Math.max(start, end)) ?? 0];
    },
  };
}
