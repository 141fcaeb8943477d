/**
 * @module Drag-to-zoom for the line chart attachment (line-chart.svelte.ts, its only user): a mouse drag across the
 * plot area shades the span and, on release, hands the chosen time range to the spec's `onBrush`.
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

export type BrushHandler = (from: number, to: number) => void;

/** Listens on the canvas while `handler()` returns a function; returns the cleanup. */
export function attachBrush(
  chart: Chart,
  canvas: HTMLCanvasElement,
  handler: () => BrushHandler | undefined,
  fill: () => string,
): () => void {
  const state: BrushState = { start: null, end: null, fill: 'rgba(106, 168, 255, 0.2)' };
  states.set(chart, state);
  const px = (e: PointerEvent): number => {
    const rect = canvas.getBoundingClientRect();
    const area = chart.chartArea;
    return Math.min(area.right, Math.max(area.left, e.clientX - rect.left));
  };
  const down = (e: PointerEvent) => {
    if (!handler() || e.button !== 0) return;
    state.fill = fill();
    state.start = state.end = px(e);
    canvas.setPointerCapture?.(e.pointerId);
  };
  const move = (e: PointerEvent) => {
    if (state.start === null) return;
    state.end = px(e);
    chart.draw();
  };
  const up = () => {
    const { start, end } = state;
    state.start = state.end = null;
    chart.draw();
    const onBrush = handler();
    const x = chart.scales.x;
    if (start === null || end === null || !onBrush || !x || Math.abs(end - start) < MIN_DRAG_PX) return;
    onBrush(x.getValueForPixel(Math.min(start, end)) ?? 0, x.getValueForPixel(Math.max(start, end)) ?? 0);
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  return () => {
    canvas.removeEventListener('pointerdown', down);
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerup', up);
    canvas.removeEventListener('pointercancel', up);
  };
}
