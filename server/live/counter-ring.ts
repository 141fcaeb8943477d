/**
 * @module A viewer's recent cumulative counters in one Float64Array (pure): the few numbers deriveMetrics reads from
 * the older sample of an interval (SampleCounters), 17 per entry, instead of whole validated samples of boxed numbers
 * (issue 11: that ring was most of Kansoku's own memory per viewer). It keeps the thinning of the object ring it
 * replaces: entries older than the window fall off, and the middle keeps about one entry per `spacingMs`.
 */
import type { AudioCounters, SampleCounters, VideoCounters } from '../../shared/metrics.ts';

/** Offsets in an entry; NaN is "absent" (`ss` NaN: no such stream). Float64 holds every count exactly (≤ 2^53). */
const T = 0;
const VI = 1; // ss, by, pr, pl, fd, jbd, jbe, fz, fzd
const AU = 10; // ss, by, pr, pl, tsr, cs, scs
const STRIDE = 17;
const VIDEO_KEYS = ['ss', 'by', 'pr', 'pl', 'fd', 'jbd', 'jbe', 'fz', 'fzd'] as const;
const AUDIO_KEYS = ['ss', 'by', 'pr', 'pl', 'tsr', 'cs', 'scs'] as const;
/** Thinning keeps at most 7 entries whatever the sampling rate (measured from 4 to 0.5 samples a second); more doubles it. */
const INITIAL_CAPACITY = 8;

const numOrNaN = (x: number | undefined): number => (x === undefined ? Number.NaN : x);
const orUndefined = (x: number): number | undefined => (Number.isNaN(x) ? undefined : x);

export class CounterRing {
  #data = new Float64Array(INITIAL_CAPACITY * STRIDE);
  #length = 0;

  /** `windowMs`: the span `anchor` is asked for at most; `spacingMs`: the thinning step. */
  constructor(
    private readonly windowMs: number,
    private readonly spacingMs: number,
  ) {}

  get length(): number {
    return this.#length;
  }

  /** The sample time of entry `i` (0 = oldest). */
  timeAt(i: number): number {
    return this.#data[i * STRIDE + T] as number;
  }

  /** Appends a sample's counters (its `t` must be later than the newest entry's), then drops and thins. */
  push(sample: SampleCounters): void {
    if ((this.#length + 1) * STRIDE > this.#data.length) {
      const grown = new Float64Array(this.#data.length * 2);
      grown.set(this.#data);
      this.#data = grown;
    }
    const d = this.#data;
    const at = this.#length * STRIDE;
    d[at + T] = sample.t;
    for (let k = 0; k < VIDEO_KEYS.length; k++)
      d[at + VI + k] = numOrNaN(sample.vi?.[VIDEO_KEYS[k] as keyof VideoCounters]);
    for (let k = 0; k < AUDIO_KEYS.length; k++)
      d[at + AU + k] = numOrNaN(sample.au?.[AUDIO_KEYS[k] as keyof AudioCounters]);
    this.#length += 1;
    const latestT = sample.t;
    let drop = 0;
    while (this.#length - drop > 2 && latestT - this.timeAt(drop) > this.windowMs + this.spacingMs) drop += 1;
    if (drop > 0) this.#remove(0, drop);
    // Thin the middle: one entry per spacingMs is enough for the current and window deltas.
    for (let i = this.#length - 3; i >= 1; i--) {
      if (this.timeAt(i + 1) - this.timeAt(i - 1) < 2 * this.spacingMs) this.#remove(i, 1);
    }
  }

  /** The newest entry at least `span` ms older than the newest one (or the oldest there is); undefined below two. */
  anchor(span: number): SampleCounters | undefined {
    if (this.#length < 2) return undefined;
    const latestT = this.timeAt(this.#length - 1);
    for (let i = this.#length - 2; i >= 0; i--) if (latestT - this.timeAt(i) >= span) return this.entry(i);
    return this.entry(0);
  }

  /** Entry `i` as the counters object deriveMetrics takes (absent values left out, as in the sample). */
  entry(i: number): SampleCounters {
    const d = this.#data;
    const at = i * STRIDE;
    const out: SampleCounters = { t: d[at + T] as number };
    if (!Number.isNaN(d[at + VI])) {
      const vi: Partial<Record<keyof VideoCounters, number>> = {};
      for (let k = 0; k < VIDEO_KEYS.length; k++) {
        const x = orUndefined(d[at + VI + k] as number);
        if (x !== undefined) vi[VIDEO_KEYS[k] as keyof VideoCounters] = x;
      }
      out.vi = vi as VideoCounters;
    }
    if (!Number.isNaN(d[at + AU])) {
      const au: Partial<Record<keyof AudioCounters, number>> = {};
      for (let k = 0; k < AUDIO_KEYS.length; k++) {
        const x = orUndefined(d[at + AU + k] as number);
        if (x !== undefined) au[AUDIO_KEYS[k] as keyof AudioCounters] = x;
      }
      out.au = au as AudioCounters;
    }
    return out;
  }

  #remove(from: number, count: number): void {
    this.#data.copyWithin(from * STRIDE, (from + count) * STRIDE, this.#length * STRIDE);
    this.#length -= count;
  }
}
