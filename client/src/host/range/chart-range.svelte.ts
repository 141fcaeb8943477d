/**
 * @module The time span every chart of one view shows: a preset (the last 5 / 15 / 60 minutes up to the newest tick,
 * or the whole phase) or a custom range the host dragged across a chart or typed in. Both live in the page URL
 * (`?range=`, `?from=&to=`) through an injected memory. A custom range is kept as asked and cut to the data when
 * shown, so data that arrives later (older ticks, the newest) widens it again.
 */
import { clampRange, type Range, type Zoomable } from './zoom-range.ts';

export const RANGES = ['5m', '15m', '60m', 'all'] as const;
export type RangeKey = (typeof RANGES)[number];
export const RANGE_MS: Record<RangeKey, number> = { '5m': 300_000, '15m': 900_000, '60m': 3_600_000, all: Infinity };
export const isRangeKey = (x: string | null): x is RangeKey => (RANGES as readonly string[]).includes(x ?? '');

/** A preset axis shows at least this much, so a phase with seconds of data still reads as a time axis. */
const MIN_SPAN_MS = 60_000;
const UNBOUNDED: Range = { from: -Infinity, to: Infinity };

/** Where the choice is kept (the page URL); injected so tests need no DOM. */
export type RangeMemory = { write(preset: RangeKey, custom: Range | null): void };

export type ChartRangeOptions = {
  preset?: RangeKey;
  custom?: Range | null;
  memory?: RangeMemory;
  /** A custom range was set: the owner loads the ticks it needs. */
  onZoom?: (range: Range) => void;
};

export class ChartRange implements Zoomable {
  preset = $state<RangeKey>('15m');
  /** The host's own range, as asked (ms since epoch), or null for the preset. */
  custom = $state.raw<Range | null>(null);
  /** From the first known tick of the phase to the newest. */
  whole = $derived.by<Range | null>(() => this.#bounds());
  /** What the charts show: the custom range cut to the data, else the preset up to the newest tick. */
  view = $derived.by<Range | null>(() => {
    const whole = this.whole;
    if (this.custom) return whole ? (clampRange(this.custom, whole) ?? this.custom) : this.custom;
    if (!whole) return null;
    const from = Math.min(Math.max(whole.to - RANGE_MS[this.preset], whole.from), whole.to - MIN_SPAN_MS);
    return { from, to: whole.to };
  });

  readonly #bounds: () => Range | null;
  readonly #memory: RangeMemory;
  readonly #onZoom: (range: Range) => void;

  constructor(bounds: () => Range | null, options: ChartRangeOptions = {}) {
    this.#bounds = bounds;
    this.#memory = options.memory ?? { write: () => undefined };
    this.#onZoom = options.onZoom ?? (() => undefined);
    this.preset = options.preset ?? '15m';
    this.custom = options.custom ? clampRange(options.custom, UNBOUNDED) : null;
  }

  /** A custom range, in either order; one narrower than the minimum is widened around its middle. */
  zoom(from: number, to: number): void {
    const range = clampRange({ from, to }, UNBOUNDED);
    if (!range) return;
    this.custom = range;
    this.#memory.write(this.preset, range);
    this.#onZoom(range);
  }

  setPreset(preset: RangeKey): void {
    this.preset = preset;
    this.custom = null;
    this.#memory.write(preset, null);
  }

  /** Back to the preset (live again on a live phase). */
  reset(): void {
    this.custom = null;
    this.#memory.write(this.preset, null);
  }
}
