/**
 * @module When a live chart needs drawing again (pure). A chart of the last 15 minutes is ~460 px wide: each 1 s tick
 * slides it by half a pixel, so redrawing it every second draws nothing the eye can see, and at 10,000 viewers the
 * dashboard's 11 charts were most of its main-thread time per tick (issue 12). A change that only slides the time
 * window waits until an edge crosses onto the next pixel; anything else (new data under a still window, a zoom, another
 * range, theme, series or markers) draws at once. Each chart's pixel grid has its own phase, so that the charts do
 * not all draw on the same tick.
 */

/** What the pacing compares between the drawn spec and the next one. */
export type PaceSpec = {
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
  stacked?: boolean;
  theme?: string;
  series: ReadonlyArray<{ label: string }>;
  markers?: readonly unknown[];
};

/**
 * True when `next` must be drawn now rather than after more of the window has slid by. `plotPx`: the plot area's
 * width; `phase` in [0, 1): where this chart's pixel boundaries lie (spreads the charts' draws over the ticks).
 */
export function mustDraw(drawn: PaceSpec | null, next: PaceSpec, plotPx: number, phase = 0): boolean {
  if (drawn === null || drawn.xMin === undefined || drawn.xMax === undefined) return true;
  if (next.xMin === undefined || next.xMax === undefined || !(plotPx > 0)) return true;
  if (
    next.theme !== drawn.theme ||
    next.stacked !== drawn.stacked ||
    next.yMin !== drawn.yMin ||
    next.yMax !== drawn.yMax ||
    next.series.length !== drawn.series.length ||
    next.series.some((s, i) => s.label !== drawn.series[i]?.label) ||
    (next.markers?.length ?? 0) !== (drawn.markers?.length ?? 0)
  )
    return true;
  // Still (new data in the same window), backwards (another range, a zoom): draw.
  if (next.xMax <= drawn.xMax || next.xMin < drawn.xMin) return true;
  // The pixel grid in whole seconds (at least one draw per pixel): the plot's width moves with its y labels, and a
  // grid of fractional milliseconds would shift with it far enough to draw on every tick.
  const period = Math.floor((next.xMax - next.xMin) / plotPx / 1_000) * 1_000;
  if (period <= 1_000) return true;
  const px = (t: number) => Math.floor(t / period + phase);
  return px(next.xMax) !== px(drawn.xMax) || px(next.xMin) !== px(drawn.xMin);
}
