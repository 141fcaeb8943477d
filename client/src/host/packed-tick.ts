/**
 * @module Packed ticks: the live hour held as numbers. A dashboard keeps an hour of 1 s ticks, and a parsed tick is
 * some 25 objects and 30–50 boxed numbers (nine {p10,p50,p90,n} distributions, seven count records): most of what each
 * major GC has to mark at 10,000 viewers (docs/benchmarks.md). A packed tick is one small handle whose numbers sit in
 * a Float64Array shared with the ticks received around it; its getters build the distributions and records when read
 * (short-lived objects, which a scavenge frees). It is a `Tick` to every reader. The breakdowns keyed by what
 * browsers report (codecs, decoders, …) stay objects, shared with the previous tick while they are equal.
 */
import { FAILURE_CATEGORIES, FUNNEL_STAGES } from '../../../shared/funnel.ts';
import {
  QUALITY_BANDS,
  QUALITY_REASONS,
  SESSION_ENDINGS,
  VIEWER_DISTS,
  type Dist,
  type DistKey,
  type Tick,
  type TickViewers,
} from '../../../shared/tick.ts';

export const DISTS: readonly DistKey[] = [...VIEWER_DISTS, 'ttffMs'];
export const DIST_FIELDS = ['p10', 'p50', 'p90', 'n'] as const;
export type DistField = (typeof DIST_FIELDS)[number];
/** The records of fixed keys, stored a column per key; NaN is a key the record lacks. */
export const RECORDS = {
  viewers: ['connected', 'joining', 'watching', 'failed', 'total', 'peak', 'sfu', 'sfuGap'],
  bands: QUALITY_BANDS,
  reasons: QUALITY_REASONS,
  funnel: FUNNEL_STAGES,
  failures: FAILURE_CATEGORIES,
  endings: SESSION_ENDINGS,
  ingest: ['samples', 'invalid'],
} as const satisfies Partial<Record<keyof Tick, readonly string[]>>;
export type RecordKey = keyof typeof RECORDS;
/** The viewer counts that are null when unknown (NaN in a column) rather than absent. */
const NULLABLE = new Set<string>(['sfu', 'sfuGap']);
/** The breakdowns kept as objects. */
export const KEPT = ['eventId', 'phase', 'codecs', 'decoders', 'resolutions', 'browsers', 'os'] as const;
export type KeptKey = (typeof KEPT)[number];

/** Column offsets: `t`, then four per distribution, then one per record key. */
export const DIST_AT = new Map(DISTS.map((key, i) => [key, 1 + 4 * i]));
export const RECORD_AT = new Map<RecordKey, number>();
let width = 1 + 4 * DISTS.length;
for (const key of Object.keys(RECORDS) as RecordKey[]) {
  RECORD_AT.set(key, width);
  width += RECORDS[key].length;
}
export const WIDTH = width;
export const TICK_KEYS = new Set<string>(['t', ...DISTS, ...Object.keys(RECORDS), ...KEPT]);
/** Ticks per shared array (~40 KB). */
export const CHUNK = 64;

export class PackedTick implements Tick {
  readonly #cols: Float64Array;
  readonly #at: number;
  readonly eventId: Tick['eventId'];
  readonly phase: Tick['phase'];
  readonly codecs: Tick['codecs'];
  readonly decoders: Tick['decoders'];
  readonly resolutions: Tick['resolutions'];
  readonly browsers: Tick['browsers'];
  readonly os: Tick['os'];
  // Read from the columns by getters on the prototype (the static block below).
  declare readonly bitrateKbps: Dist;
  declare readonly lossPct: Dist;
  declare readonly jitterMs: Dist;
  declare readonly jitterBufferMs: Dist;
  declare readonly rttMs: Dist;
  declare readonly fps: Dist;
  declare readonly height: Dist;
  declare readonly freezesPerMin: Dist;
  declare readonly ttffMs: Dist;
  declare readonly viewers: TickViewers;
  declare readonly bands: Tick['bands'];
  declare readonly reasons: Tick['reasons'];
  declare readonly funnel: Tick['funnel'];
  declare readonly failures: Tick['failures'];
  declare readonly endings: Tick['endings'];
  declare readonly ingest: Tick['ingest'];

  constructor(cols: Float64Array, at: number, kept: Pick<Tick, KeptKey>) {
    this.#cols = cols;
    this.#at = at;
    this.eventId = kept.eventId;
    this.phase = kept.phase;
    this.codecs = kept.codecs;
    this.decoders = kept.decoders;
    this.resolutions = kept.resolutions;
    this.browsers = kept.browsers;
    this.os = kept.os;
  }

  get t(): number {
    return this.#cols[this.#at] as number;
  }

  /** One number of a distribution, read without building the distribution (null when it is null). */
  quantile(key: DistKey, field: DistField): number | null {
    const at = this.#at + (DIST_AT.get(key) as number);
    const value = this.#cols[at + DIST_FIELDS.indexOf(field)] as number;
    return Number.isNaN(this.#cols[at + 3] as number) ? null : value;
  }

  /** One count of a record, read without building the record (null when it lacks it). */
  count(record: RecordKey, key: string): number | null {
    const i = (RECORDS[record] as readonly string[]).indexOf(key);
    const value = i < 0 ? Number.NaN : (this.#cols[this.#at + (RECORD_AT.get(record) as number) + i] as number);
    return Number.isNaN(value) ? null : value;
  }

  /** The plain tick (what JSON.stringify writes). */
  toJSON(): Tick {
    const out: Record<string, unknown> = {};
    for (const key of TICK_KEYS) out[key] = this[key as keyof Tick];
    return out as Tick;
  }

  static {
    const define = (key: string, get: (cols: Float64Array, at: number) => unknown) =>
      Object.defineProperty(PackedTick.prototype, key, {
        get(this: PackedTick) {
          return get(this.#cols, this.#at);
        },
      });
    for (const [key, offset] of DIST_AT)
      define(key, (cols, at) => {
        const n = cols[at + offset + 3] as number;
        if (Number.isNaN(n)) return null;
        const [p10, p50, p90] = [cols[at + offset], cols[at + offset + 1], cols[at + offset + 2]] as number[];
        return { p10, p50, p90, n };
      });
    for (const [key, offset] of RECORD_AT)
      define(key, (cols, at) => {
        const out: Record<string, number | null> = {};
        RECORDS[key].forEach((name, i) => {
          const value = cols[at + offset + i] as number;
          if (!Number.isNaN(value)) out[name] = value;
          else if (NULLABLE.has(name)) out[name] = null;
        });
        return out;
      });
  }
}

/** `tick[key]?.[field]`, without building the distribution of a packed tick (what charts read, for every tick). */
export const distValue = (tick: Tick, key: DistKey, field: DistField): number | null =>
  tick instanceof PackedTick ? tick.quantile(key, field) : (tick[key]?.[field] ?? null);

/** `tick[record][key]`, without building the record of a packed tick; null when it lacks the key. */
export function countOf<R extends RecordKey>(tick: Tick, record: R, key: keyof Tick[R] & string): number | null {
  if (tick instanceof PackedTick) return tick.count(record, key);
  const counts = tick[record] as Record<string, number | null | undefined>;
  return Object.hasOwn(counts, key) ? (counts[key] ?? null) : null;
}
