/**
 * @module When a live chart needs drawing again (pure), and how many slides one frame may draw. A chart of the last
 * 15 minutes is ~330 px wide: each 1 s tick slides it by a third of a pixel, so redrawing it every second draws
 * nothing the eye can see, and at 10,000 viewers the dashboard's dozen charts were most of its main-thread time per
 * tick (issue 12). A change that only slides the time window is a `slide`: due once an edge has crossed `SLIDE_PX`
 * pixels, and no more often than every `MIN_SLIDE_MS`; anything else (new data under a still window, a zoom,
 * another range, theme, series or markers) is drawn `now`. Each chart's pixel grid has its own phase, and a frame
 * draws at most a few slides, the longest waiting first (`SlidePacer`), so that the charts do not all draw on the
 * same tick.
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

/** `now`: draw at once; `slide`: the window slid far enough to draw (within the frame's budget); `wait`: not yet. */
export type Pace = 'now' | 'slide' | 'wait';

/** A sliding window is drawn again once it has moved this many pixels… */
export const SLIDE_PX = 3;
/** …and not more often than this (a 5-minute window slides a pixel a second). */
export const MIN_SLIDE_MS = 3_000;

/**
 * What to do with `next` given what was drawn. `plotPx`: the plot area's width; `phase` in [0, 1): where this chart's
 * grid of slide steps lies (spreads the charts' draws over the ticks).
 */
export function pace(drawn: PaceSpec | null, next: PaceSpec, plotPx: number, phase = 0): Pace {
  if (drawn === null || drawn.xMin === undefined || drawn.xMax === undefined) return 'now';
  if (next.xMin === undefined || next.xMax === undefined || !(plotPx > 0)) return 'now';
  if (
    next.theme !== drawn.theme ||
    next.stacked !== drawn.stacked ||
    next.yMin !== drawn.yMin ||
    next.yMax !== drawn.yMax ||
    next.series.length !== drawn.series.length ||
    next.series.some((s, i) => s.label !== drawn.series[i]?.label) ||
    (next.markers?.length ?? 0) !== (drawn.markers?.length ?? 0)
  )
    return 'now';
  // Still (new data in the same window), backwards, or another width (another range, a zoom): draw. A window that
  // grows with the phase ("all") widens by a second a tick, and that is a slide.
  const width = next.xMax - next.xMin;
  const drawnWidth = drawn.xMax - drawn.xMin;
  if (next.xMax <= drawn.xMax || next.xMin < drawn.xMin || Math.abs(width - drawnWidth) > drawnWidth / 100)
    return 'now';
  // The grid of slide steps in whole seconds: the plot's width moves with its y labels, and a grid of fractional
  // milliseconds would shift with it far enough to draw on every tick.
  const perPx = width / plotPx;
  const step = Math.max(MIN_SLIDE_MS, Math.floor((SLIDE_PX * perPx) / 1_000) * 1_000);
  const at = (t: number) => Math.floor(t / step + phase);
  return at(next.xMax) !== at(drawn.xMax) || at(next.xMin) !== at(drawn.xMin) ? 'slide' : 'wait';
}

/**
 * How many slides each animation frame may draw, shared by the charts of one page, and in which order: a chart refused
 * here waits in line and asks again at its next frame (the next tick), ahead of charts that became due after it — so a
 * second never pays for more than `perFrame` slides, and no chart falls behind the others for long.
 */
export class SlidePacer {
  readonly #perFrame: number;
  #frame = Number.NaN;
  #used = 0;
  /** Charts refused a slide, longest waiting first. */
  #line: object[] = [];

  constructor(perFrame = 2) {
    this.#perFrame = perFrame;
  }

  /** May `chart` draw its due slide in the frame at `frameTime` (the same for every callback of one frame)? */
  take(chart: object, frameTime: number): boolean {
    if (frameTime !== this.#frame) {
      this.#frame = frameTime;
      this.#used = 0;
    }
    if (!this.#line.includes(chart)) this.#line.push(chart);
    if (this.#line.indexOf(chart) >= this.#perFrame - this.#used) return false;
    this.forget(chart);
    this.#used += 1;
    return true;
  }

  /** `chart` drew anyway (a change that draws at once) or is gone: it leaves the line. */
  forget(chart: object): void {
    const i = this.#line.indexOf(chart);
    if (i >= 0) this.#line.splice(i, 1);
  }
}
