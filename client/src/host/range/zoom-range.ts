/**
 * @module A zoomed time range (pure), shared by the report's timeline and the dashboard's charts: kept inside what
 * there is to show, widened to a minimum around its middle (a click-drag never opens an empty chart), and the
 * shape the range inputs and drag-to-zoom need (`Zoomable`).
 */

/** ms since epoch, `from < to`. */
export type Range = { from: number; to: number };

/** A zoom narrower than this is widened around its middle. */
export const MIN_RANGE_MS = 20_000;

/** What the typed from/to inputs (RangeInputs.svelte) work on. */
export type Zoomable = {
  /** Everything there is to show (the inputs' bounds), or null before any data. */
  readonly whole: Range | null;
  /** What the charts show now. */
  readonly view: Range | null;
  zoom(from: number, to: number): void;
};

/** `r` (either order) inside `whole`, at least `MIN_RANGE_MS` wide where `whole` allows; null when nothing is left. */
export function clampRange(r: Range, whole: Range): Range | null {
  let from = Math.max(whole.from, Math.round(Math.min(r.from, r.to)));
  let to = Math.min(whole.to, Math.round(Math.max(r.from, r.to)));
  if (to - from < MIN_RANGE_MS) {
    const mid = (from + to) / 2;
    from = Math.max(whole.from, Math.round(mid - MIN_RANGE_MS / 2));
    to = Math.min(whole.to, from + MIN_RANGE_MS);
  }
  return to > from ? { from, to } : null;
}

/** The range covers all of `whole`: no zoom at all. */
export const coversAll = (r: Range, whole: Range): boolean => r.from <= whole.from && r.to >= whole.to;
