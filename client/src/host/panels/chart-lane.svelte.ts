/**
 * @module One group of panels' chart points and time frame. A live range's charts take a new point once a bucket (every
 * 3 s over 15 minutes, tick-buffer.ts); were every chart's bucket to close on the same second, that second would
 * compute and post every chart's series, and cost ~4 ms more than the two after it (issue 12: main thread per tick).
 * Each lane's buckets are moved by its own offset, so that a second redraws one lane's charts. A range that does not
 * slide (a zoom, a finished phase) is bucketed alike for every lane.
 */
import type { Tick } from '../../../../shared/tick.ts';
import { bucketWindow, chartTicks } from '../tick-buffer.ts';
import type { ChartFrame } from './frame.ts';

export type ChartLaneInputs = {
  /** The phase's ticks in the range, oldest first. */
  ticks(): readonly Tick[];
  view(): { from: number; to: number } | null;
  /** One point per this many ms (bucketStep). */
  step(): number;
  /** The range is the live one: its newest bucket is left out while it fills. */
  current(): boolean;
  /** The range slides with the clock (a preset window while live). */
  sliding(): boolean;
  /** What every chart's frame shares: markers, theme, gap, brushing. */
  shared(): Omit<ChartFrame, 'xMin' | 'xMax'>;
};

export class ChartLane {
  readonly #in: ChartLaneInputs;
  readonly #offsetMs: number;
  // Not state: the last points handed out, so that an unchanged bucketing keeps its identity (chartTicks).
  #charted: readonly Tick[] = [];

  constructor(inputs: ChartLaneInputs, offsetMs: number) {
    this.#in = inputs;
    this.#offsetMs = offsetMs;
  }

  readonly #offset = $derived.by(() => (this.#in.sliding() ? this.#offsetMs % this.#in.step() : 0));
  readonly ticks: readonly Tick[] = $derived.by(
    () =>
      (this.#charted = chartTicks(this.#charted, this.#in.ticks(), this.#in.step(), this.#in.current(), this.#offset)),
  );
  readonly #shown = $derived.by(() => {
    const view = this.#in.view();
    return view && this.#in.sliding() ? bucketWindow(view.from, view.to, this.#in.step(), this.#offset) : view;
  });
  // Numbers: a second that moves neither end leaves the frame, and every chart, as it was.
  readonly #xMin = $derived(this.#shown?.from);
  readonly #xMax = $derived(this.#shown?.to);
  readonly frame: ChartFrame = $derived.by(() => ({ ...this.#in.shared(), xMin: this.#xMin, xMax: this.#xMax }));
}
