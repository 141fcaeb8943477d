/**
 * @module A mergeable quantile sketch (DDSketch, Masson et al., VLDB 2019) for the partial ticks of many processes
 * (pure). A value x > 0 lands in bin ⌈log_γ x⌉ with γ = (1+α)/(1−α); any value of a bin is within α of the bin's
 * representative, so a quantile is within α (1 %) of the exact value at the same rank, and merging two sketches
 * (adding bin counts) loses nothing. Each bin also keeps the lowest and highest value it saw: a bin of one distinct
 * value (720 px, 30 fps) answers exactly. Quantiles use the tick's nearest-rank rule (shared/percentile.ts), so
 * "exact" and "sketch" agree on which value they mean. Values ≤ 0 (a loss of 0 %) are counted apart, exactly.
 */
import type { Dist } from '../../shared/tick.ts';

/** Relative accuracy α. */
export const SKETCH_ALPHA = 0.01;
const GAMMA = (1 + SKETCH_ALPHA) / (1 - SKETCH_ALPHA);
const LN_GAMMA = Math.log(GAMMA);

/** One bin: how many values, the lowest and the highest of them. */
type Bin = [count: number, lo: number, hi: number];

/** The wire form: `bins` as [index, count, lo, hi] rows. */
export type SketchJson = { zero: number; bins: Array<[number, number, number, number]> };

export class Sketch {
  #zero = 0;
  readonly #bins = new Map<number, Bin>();

  get count(): number {
    let n = this.#zero;
    for (const bin of this.#bins.values()) n += bin[0];
    return n;
  }

  add(x: number): void {
    if (!(x > 0)) {
      if (x === x) this.#zero += 1; // NaN is not a value
      return;
    }
    this.#addBin(Math.ceil(Math.log(x) / LN_GAMMA), [1, x, x]);
  }

  merge(other: SketchJson): this {
    this.#zero += other.zero;
    for (const [index, count, lo, hi] of other.bins) this.#addBin(index, [count, lo, hi]);
    return this;
  }

  toJSON(): SketchJson {
    return { zero: this.#zero, bins: [...this.#bins].map(([index, [count, lo, hi]]) => [index, count, lo, hi]) };
  }

  /** The value at nearest rank ⌈q·n⌉ (q in 0..1); null when empty. */
  quantile(q: number): number | null {
    const n = this.count;
    if (n === 0) return null;
    const rank = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
    if (rank < this.#zero) return 0;
    let seen = this.#zero;
    for (const [index, [count, lo, hi]] of [...this.#bins].sort((a, b) => a[0] - b[0])) {
      seen += count;
      if (rank < seen) return lo === hi ? lo : Math.min(hi, Math.max(lo, (2 * GAMMA ** index) / (GAMMA + 1)));
    }
    return null; // unreachable: ranks stop below n
  }

  /** p10/p50/p90 and n, as `distribution()` gives them for exact values. */
  dist(): Dist {
    const n = this.count;
    if (n === 0) return null;
    return { p10: this.quantile(0.1) ?? 0, p50: this.quantile(0.5) ?? 0, p90: this.quantile(0.9) ?? 0, n };
  }

  #addBin(index: number, [count, lo, hi]: Bin): void {
    const bin = this.#bins.get(index);
    if (!bin) this.#bins.set(index, [count, lo, hi]);
    else this.#bins.set(index, [bin[0] + count, Math.min(bin[1], lo), Math.max(bin[2], hi)]);
  }
}
