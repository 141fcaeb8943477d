/**
 * @module One report on screen: loads it (host route or share link, injected), keeps the zoomed time range within
 * the phase and in the URL (`?from=&to=`), and answers the visible span for every timeline chart.
 */
import type { EventReport } from '../../../../shared/event-report.ts';
import { clampRange, coversAll, type Range } from '../range/zoom-range.ts';

export { MIN_RANGE_MS } from '../range/zoom-range.ts';

/** Where the range is remembered (the page URL); injected so tests need no DOM. */
export type RangeMemory = { read(): Range | null; write(range: Range | null): void };

export class ReportPage {
  report = $state.raw<EventReport | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  range = $state.raw<Range | null>(null);
  /** The phase's whole span, or null for a phase that never ticked. */
  whole = $derived<Range | null>(
    this.report?.summary.from != null && this.report.summary.to != null
      ? { from: this.report.summary.from, to: this.report.summary.to }
      : null,
  );
  /** What the charts show: the zoom, else the whole phase. */
  view = $derived<Range | null>(this.range ?? this.whole);
  readonly #load: () => Promise<EventReport>;
  readonly #memory: RangeMemory;

  constructor(load: () => Promise<EventReport>, memory: RangeMemory) {
    this.#load = load;
    this.#memory = memory;
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.report = await this.#load();
      this.error = null;
      const remembered = this.#memory.read();
      this.range = remembered ? this.#clamp(remembered) : null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.loading = false;
  }

  /** Zooms to `from`–`to` (either order), kept inside the phase; the whole phase clears the zoom. */
  zoom(from: number, to: number): void {
    const range = this.#clamp({ from, to });
    const whole = this.whole;
    this.range = range && whole && coversAll(range, whole) ? null : range;
    this.#memory.write(this.range);
  }

  reset(): void {
    this.range = null;
    this.#memory.write(null);
  }

  #clamp(r: Range): Range | null {
    return this.whole ? clampRange(r, this.whole) : null;
  }
}
