/**
 * @module TickPacker: packs the live ticks as they arrive (packed-tick.ts), sharing with the tick before it the
 * breakdowns that have not changed. A tick with a field or key the columns do not know stays as it came.
 */
import type { Tick } from '../../../shared/tick.ts';
import {
  CHUNK,
  DIST_AT,
  DIST_FIELDS,
  DISTS,
  PackedTick,
  RECORD_AT,
  RECORDS,
  TICK_KEYS,
  WIDTH,
  type KeptKey,
  type RecordKey,
} from './packed-tick.ts';

const isNumberOrNull = (x: unknown): boolean => x === null || typeof x === 'number';
const sameCounts = (a: Record<string, number>, b: Record<string, number>): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
};

/** Whether every field of `tick` has a column or is kept: a tick with anything else stays as it came. */
function packable(tick: Tick): boolean {
  const fields = tick as unknown as Record<string, unknown>;
  if (Object.keys(fields).some((key) => !TICK_KEYS.has(key))) return false;
  const dists = DISTS.every((key) => {
    const dist = fields[key] as Record<string, unknown> | null | undefined;
    if (dist == null) return true;
    const keys = Object.keys(dist);
    return keys.length === 4 && DIST_FIELDS.every((f) => typeof dist[f] === 'number');
  });
  const records = (Object.keys(RECORDS) as RecordKey[]).every((key) => {
    const record = fields[key];
    if (typeof record !== 'object' || record === null) return false;
    const names: readonly string[] = RECORDS[key];
    return Object.entries(record).every(([k, v]) => names.includes(k) && isNumberOrNull(v));
  });
  return dists && records;
}

/** Packs ticks as they arrive, in order; one per dashboard view (it remembers the last tick, to share with it). */
export class TickPacker {
  #cols = new Float64Array(0);
  #used = CHUNK;
  #last: Tick | null = null;

  /** `tick` packed; a tick already packed, or with a field this module does not know, is returned as it is. */
  pack(tick: Tick): Tick {
    if (tick instanceof PackedTick || !packable(tick)) return tick;
    if (this.#used === CHUNK) {
      this.#cols = new Float64Array(CHUNK * WIDTH);
      this.#used = 0;
    }
    const cols = this.#cols;
    const at = this.#used++ * WIDTH;
    cols.fill(Number.NaN, at, at + WIDTH);
    cols[at] = tick.t;
    for (const [key, offset] of DIST_AT) {
      const dist = tick[key];
      if (dist) DIST_FIELDS.forEach((f, i) => (cols[at + offset + i] = dist[f]));
    }
    for (const [key, offset] of RECORD_AT) {
      const record = tick[key] as Record<string, number | null | undefined>;
      RECORDS[key].forEach((name, i) => (cols[at + offset + i] = record[name] ?? Number.NaN));
    }
    const packed = new PackedTick(cols, at, this.#kept(tick));
    this.#last = packed;
    return packed;
  }

  /** The kept fields, the previous tick's objects and strings wherever these are equal to them. */
  #kept(tick: Tick): Pick<Tick, KeptKey> {
    const last = this.#last;
    const share = <K extends KeptKey>(key: K, same: (a: Tick[K], b: Tick[K]) => boolean): Tick[K] =>
      last && same(last[key], tick[key]) ? last[key] : tick[key];
    return {
      eventId: share('eventId', (a, b) => a === b),
      phase: share('phase', (a, b) => a === b),
      codecs: share('codecs', sameCounts),
      decoders: share('decoders', sameCounts),
      resolutions: share('resolutions', sameCounts),
      browsers: share('browsers', sameCounts),
      os: share('os', sameCounts),
    };
  }
}
