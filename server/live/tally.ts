/**
 * @module Counting by labels a browser chose (decoder, browser, OS, codec) without ever making one an object key
 * while counting (issue 10: a codec named `constructor` wrote "function Object() { [native code] }1" into ticks).
 * A Map counts; the tick gets a null-prototype record of the biggest keys, the rest folded into `other`.
 */

/** Keys one breakdown of a tick carries at most (the rest are summed under `other`). */
export const MAX_TICK_KEYS = 24;

export class Tally {
  readonly #counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + n);
  }

  get(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  get size(): number {
    return this.#counts.size;
  }

  /** The counts as a prototype-free record: the `limit − 1` biggest keys plus `other` when there are more. */
  toRecord(limit = MAX_TICK_KEYS): Record<string, number> {
    const out = Object.create(null) as Record<string, number>;
    const rows = [...this.#counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const kept = rows.length <= limit ? rows : rows.slice(0, limit - 1);
    for (const [key, n] of kept) out[key] = n;
    for (const [, n] of rows.slice(kept.length)) out.other = (out.other ?? 0) + n;
    return out;
  }
}
