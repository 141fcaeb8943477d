/**
 * @module A panel's chart series, computed again only for the ticks they lacked. While a live range slides, a lane's
 * charted ticks change a bucket at a time (chart-lane.svelte.ts): the oldest falls out, one arrives, every other is
 * the same object as before. Recomputed whole, every series read each of those ticks again each time — about half of
 * the V8 allocations of a 10,000-viewer dashboard (docs/benchmarks.md: a packed tick's records are built on each
 * read). A memo keeps, per slot, the ticks a series was made of and the series, and copies what both hold. The tick
 * arrays given are never changed afterwards (visible-ticks.ts cuts a new one each time), and ticks are compared by
 * identity: a tick replaced by a later copy is computed again.
 */
import type { DistKey, Tick } from '../../../shared/tick.ts';
import type { RecordKey } from './packed-tick.ts';
import { countSeries, distSeries, shareSeries, sortedTop, valueSeries, type Quantile } from './series.ts';

type Made = { ticks: readonly Tick[]; variant: string; out: Record<string, Float64Array> };
type Counted = { ticks: readonly Tick[]; totals: Map<string, number> };
type Counts = (t: Tick) => Record<string, number | undefined>;

/** Where `ticks` carry on from `prev`: its first `count` ticks are `prev`'s from index `from` on, in order. */
export function overlap<T>(prev: readonly T[], ticks: readonly T[]): { from: number; count: number } {
  const from = ticks.length > 0 ? prev.indexOf(ticks[0] as T) : -1;
  if (from < 0) return { from: 0, count: 0 };
  let count = 0;
  while (count < ticks.length && from + count < prev.length && prev[from + count] === ticks[count]) count += 1;
  return { from, count };
}

export class SeriesMemo {
  readonly #made = new Map<string, Made>();
  readonly #counted = new Map<string, Counted>();

  /** `valueSeries(ticks, value)`. `slot` names what `value` reads: another function under it would be reused wrong. */
  values(slot: string, ticks: readonly Tick[], value: (t: Tick) => number | null): Float64Array {
    return this.#one(slot, ticks, (part) => valueSeries(part, value));
  }

  /** `distSeries(ticks, key, q)`. */
  dist(ticks: readonly Tick[], key: DistKey, q: Quantile): Float64Array {
    return this.#one(`${key}.${q}`, ticks, (part) => distSeries(part, key, q));
  }

  /** `countSeries(ticks, record, key, missing)`. */
  count<R extends RecordKey>(
    ticks: readonly Tick[],
    record: R,
    key: keyof Tick[R] & string,
    missing: number | null = null,
  ): Float64Array {
    return this.#one(`${record}.${key}.${missing}`, ticks, (part) => countSeries(part, record, key, missing));
  }

  /** `shareSeries(ticks, counts, keys, withOther)`; `slot` names what `counts` reads. */
  shares(
    slot: string,
    ticks: readonly Tick[],
    counts: Counts,
    keys: readonly string[],
    withOther = false,
  ): Record<string, Float64Array> {
    const variant = JSON.stringify([keys, withOther]);
    return this.#series(slot, variant, ticks, (part) => shareSeries(part, counts, keys, withOther));
  }

  /** `topKeys(ticks, counts, n, order)`, its totals kept: the ticks that left are taken off, the new ones added. */
  top(slot: string, ticks: readonly Tick[], counts: Counts, n: number, order?: readonly string[]): string[] {
    const last = this.#counted.get(slot);
    const o = last ? overlap(last.ticks, ticks) : { from: 0, count: 0 };
    const totals = last && o.count > 0 ? last.totals : new Map<string, number>();
    const add = (t: Tick, sign: number) => {
      for (const [k, v] of Object.entries(counts(t))) {
        const total = (totals.get(k) ?? 0) + sign * (v ?? 0);
        if (total === 0) totals.delete(k);
        else totals.set(k, total);
      }
    };
    // The ticks that left: those of the last window before the overlap and after it.
    if (last && o.count > 0) {
      for (let i = 0; i < o.from; i += 1) add(last.ticks[i] as Tick, -1);
      for (let i = o.from + o.count; i < last.ticks.length; i += 1) add(last.ticks[i] as Tick, -1);
    }
    for (let i = o.count; i < ticks.length; i += 1) add(ticks[i] as Tick, 1);
    this.#counted.set(slot, { ticks, totals });
    return sortedTop(totals, n, order);
  }

  #one(slot: string, ticks: readonly Tick[], compute: (part: readonly Tick[]) => Float64Array): Float64Array {
    return this.#series(slot, '', ticks, (part) => ({ y: compute(part) })).y as Float64Array;
  }

  #series(
    slot: string,
    variant: string,
    ticks: readonly Tick[],
    compute: (part: readonly Tick[]) => Record<string, Float64Array>,
  ): Record<string, Float64Array> {
    const last = this.#made.get(slot);
    if (last && last.ticks === ticks && last.variant === variant) return last.out;
    const o = last && last.variant === variant ? overlap(last.ticks, ticks) : { from: 0, count: 0 };
    const tail = compute(o.count > 0 ? ticks.slice(o.count) : ticks);
    const out = o.count > 0 && last ? joined(last.out, o, tail, ticks.length) : tail;
    this.#made.set(slot, { ticks, variant, out });
    return out;
  }
}

/** Each series: the points of `prev` the overlap names, then `tail`'s. */
function joined(
  prev: Record<string, Float64Array>,
  o: { from: number; count: number },
  tail: Record<string, Float64Array>,
  n: number,
): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const [k, rest] of Object.entries(tail)) {
    const xy = new Float64Array(2 * n);
    xy.set((prev[k] as Float64Array).subarray(2 * o.from, 2 * (o.from + o.count)));
    xy.set(rest, 2 * o.count);
    out[k] = xy;
  }
  return out;
}
