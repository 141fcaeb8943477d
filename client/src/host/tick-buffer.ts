/**
 * @module Bounded, time-ordered tick buffers (pure): merge without duplicates, cut to a time range, thin for long
 * ranges (evenly, or one tick per clock bucket for charts, with the step beyond which a chart shows a gap).
 */
import type { Tick } from '../../../shared/tick.ts';

/** The most 1 s ticks a dashboard keeps in memory (one hour). */
export const MAX_TICKS = 3_600;

/** Both lists merged by `t` (the newer copy wins on a tie), sorted, keeping the newest `max`. */
export function mergeTicks(a: readonly Tick[], b: readonly Tick[], max = MAX_TICKS): Tick[] {
  const byT = new Map<number, Tick>();
  for (const tick of a) byT.set(tick.t, tick);
  for (const tick of b) byT.set(tick.t, tick);
  const merged = [...byT.values()].sort((x, y) => x.t - y.t);
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

/**
 * Appends one live tick to `ticks` in place (the usual case: it is newer than everything) and drops what falls out of
 * the hour; an older tick is merged into a new array instead. Returns the buffer to keep. In place because a new
 * hour-long array every second was the dashboard's largest source of old garbage (V8 allocates it straight into the
 * old generation), and so of its major collections (docs/benchmarks.md). Readers see the buffer through a signal
 * bumped on each change (LiveSession.ticks) and never keep it.
 */
export function pushTick(ticks: Tick[], tick: Tick, max = MAX_TICKS): Tick[] {
  const last = ticks[ticks.length - 1];
  if (last && tick.t <= last.t) return mergeTicks(ticks, [tick], max);
  ticks.push(tick);
  if (ticks.length > max) ticks.splice(0, ticks.length - max);
  return ticks;
}

/** Index of the first tick with `t >= t0` (binary search; ticks are sorted). */
export function firstAtOrAfter(ticks: ReadonlyArray<{ t: number }>, t0: number): number {
  let lo = 0;
  let hi = ticks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ticks[mid] as { t: number }).t < t0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A copy of the ticks in the `spanMs` up to and including `end`, i.e. `t > end − spanMs` (all of them for an infinite
 * span). Always a new array: the live buffer it is cut from changes in place.
 */
export function lastSpan(ticks: readonly Tick[], spanMs: number, end: number): Tick[] {
  return ticks.slice(Number.isFinite(spanMs) ? firstAtOrAfter(ticks, end - spanMs + 1) : 0);
}

/** At most `max` ticks, evenly spread, always keeping the first and the last. */
export function thinTicks<T>(ticks: readonly T[], max: number): readonly T[] {
  if (ticks.length <= max || max < 2) return ticks;
  const out: T[] = [];
  const step = (ticks.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(ticks[Math.round(i * step)] as T);
  return out;
}

/** The bucket width (whole seconds, at least one) that puts at most `maxPoints` buckets in `spanMs`. */
export function bucketStep(spanMs: number, maxPoints: number): number {
  return Math.max(1_000, Math.ceil(spanMs / Math.max(1, maxPoints) / 1_000) * 1_000);
}

const bucketOf = (t: number, stepMs: number, offsetMs: number): number => Math.floor((t - offsetMs) / stepMs);

/**
 * One tick per `stepMs` of the clock (the last one in it), so a chart gets at most one point per bucket. Buckets are
 * aligned to the clock (moved by `offsetMs`), not to the first tick: as a live range slides, the points kept stay the
 * same ones.
 */
export function bucketTicks<T extends { t: number }>(ticks: readonly T[], stepMs: number, offsetMs = 0): readonly T[] {
  if (stepMs <= 1_000) return ticks;
  const out: T[] = [];
  for (const tick of ticks) {
    const last = out[out.length - 1];
    if (last && bucketOf(last.t, stepMs, offsetMs) === bucketOf(tick.t, stepMs, offsetMs)) out[out.length - 1] = tick;
    else out.push(tick);
  }
  return out;
}

/**
 * The charts' points of a range: `bucketTicks`, less a live range's newest bucket while it is still filling, and
 * `prev` itself when the kept ticks are the same ones — so while a live range slides, the charts' series change once a
 * bucket (every 3 s over 15 minutes), not on every tick, and then by the ticks that came (series-memo.ts; issue 12).
 * Whether they are the same is found without building them: the seconds in which they are build nothing.
 */
export function chartTicks<T extends { t: number }>(
  prev: readonly T[],
  ticks: readonly T[],
  stepMs: number,
  live: boolean,
  offsetMs = 0,
): readonly T[] {
  const kept =
    stepMs <= 1_000
      ? { count: ticks.length, first: ticks[0], last: ticks[ticks.length - 1] }
      : keptEnds(ticks, stepMs, offsetMs, live);
  if (kept.count === prev.length && kept.first === prev[0] && kept.last === prev[prev.length - 1]) return prev;
  const all = bucketTicks(ticks, stepMs, offsetMs);
  return all.length > kept.count ? all.slice(0, kept.count) : all;
}

/** How many ticks `chartTicks` keeps in buckets of `stepMs` (over 1 s), and its first and last, without an array. */
function keptEnds<T extends { t: number }>(
  ticks: readonly T[],
  stepMs: number,
  offsetMs: number,
  live: boolean,
): { count: number; first: T | undefined; last: T | undefined } {
  let count = 0;
  let first: T | undefined;
  let last: T | undefined;
  let beforeLast: T | undefined;
  let bucket = NaN;
  for (const tick of ticks) {
    const b = bucketOf(tick.t, stepMs, offsetMs);
    if (b !== bucket) {
      count += 1;
      bucket = b;
      beforeLast = last;
    }
    last = tick;
    if (count === 1) first = tick;
  }
  const filling = last !== undefined && bucketOf(last.t + 1_000, stepMs, offsetMs) === bucket;
  if (!live || !filling) return { count, first, last };
  return { count: count - 1, first: count > 1 ? first : undefined, last: beforeLast };
}

/**
 * A sliding live window moved with the buckets: its end at the edge of the bucket past the newest tick `to`, its span
 * kept. The window ends at the newest tick and so moves every second, while `chartTicks` moves its points a bucket at
 * a time; moved this way, each chart gets a new frame to weigh once a bucket instead of every second (issue 12). The
 * newest point kept (the last tick of the last complete bucket) is never past the end.
 */
export function bucketWindow(from: number, to: number, stepMs: number, offsetMs = 0): { from: number; to: number } {
  const end = Math.floor((to + 1_000 - offsetMs) / stepMs) * stepMs + offsetMs;
  return { from: end - (to - from), to: end };
}

/**
 * The longest step between two kept ticks that still means no second is missing: 1 s unbucketed; with buckets,
 * the last tick of one bucket and the last of the next are at most two buckets less a second apart.
 */
export const continuousMs = (stepMs: number): number => Math.max(1_000, 2 * stepMs - 1_000);

/** The ticks with `from ≤ t ≤ to` (binary search; ticks are sorted). */
export function within<T extends { t: number }>(ticks: readonly T[], from: number, to: number): readonly T[] {
  const start = firstAtOrAfter(ticks, from);
  const end = firstAtOrAfter(ticks, to + 1);
  return start === 0 && end === ticks.length ? ticks : ticks.slice(start, end);
}

/**
 * The ticks of `from`–`to` from layered sources, coarsest first (thinned older ticks, a range's full-resolution
 * ticks, the live hour): each source fills only the time before the next non-empty one begins.
 */
export function layered(sources: ReadonlyArray<readonly Tick[]>, from: number, to: number): Tick[] {
  const out: Tick[] = [];
  sources.forEach((ticks, i) => {
    const next = sources.slice(i + 1).find((s) => s.length > 0)?.[0]?.t ?? Infinity;
    out.push(...within(ticks, from, Math.min(to, next - 1)));
  });
  return out;
}
