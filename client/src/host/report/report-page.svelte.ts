/**
 * @module One report on screen: loads it (host route or share link, injected), keeps the zoomed time range within
 * the phase and in the URL (`?from=&to=`), and answers the visible span for every timeline chart.
 */
import type { EventReport } from '../../../../shared/event-report.ts';
import type { Range } from './report-route.ts';

/** Where the range is remembered (the page URL); injected so tests need no DOM. */
export type RangeMemory = { read(): Range | null; write(range: Range | null): void };

/** A zoom narrower than this is widened around its middle, so a click-drag never opens an empty chart. */
export const MIN_RANGE_MS = 20_000;

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
    const range = this.#clamp({ from: Math.min(from, to), to: Math.max(from, to) });
    const whole = this.whole;
    this.range = range && whole && range.from <= whole.from && range.to >= whole.to ? null : range;
    this.#memory.write(this.range);
  }

  reset(): void {
    this.range = null;
    this.#memory.write(null);
  }

  #clamp(r: Range): Range | null {
    const whole = this.whole;
    if (!whole) return null;
    let from = Math.max(whole.from, Math.round(r.from));
    let to = Math.min(whole.to, Math.round(r.to));
    if (to - from < MIN_RANGE_MS) {
      const mid = (from + to) / 2;
      from = Math.max(whole.from, Math.round(mid - MIN_RANGE_MS / 2));
      to = Math.min(whole.to, from + MIN_RANGE_MS);
    }
    return to > from ? { from, to } : null;
  }
}
