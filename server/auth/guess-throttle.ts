/**
 * @module Slows down credential guessing (pure, time passed in): every failed login, wrong Bearer token or wrong
 * socket token raises the delay before the next attempt is answered, per address and across all addresses,
 * exponentially up to a cap. Nothing is ever refused: correct credentials get through, only later.
 */

export type ThrottleCurve = {
  /** Failures (within the window) that cost nothing: typos. */
  free: number;
  /** Delay after the first failure beyond `free`; doubles with each further one. */
  baseMs: number;
  maxMs: number;
};

/** One address: 5 typos free, then 0.5 s, 1 s, 2 s … up to the cap (30 s by default). */
export const ADDRESS_CURVE: ThrottleCurve = { free: 5, baseMs: 500, maxMs: 30_000 };
/**
 * Everyone together (many addresses, or one proxy without TRUST_PROXY): 50 free, then 0.1 s doubling, up to the cap.
 */
export const GLOBAL_CURVE: ThrottleCurve = { free: 50, baseMs: 100, maxMs: 30_000 };
/** Failures are forgotten once none came for this long. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Addresses tracked at once; beyond that the least recently failed one is forgotten. */
const MAX_TRACKED = 10_000;

type Count = { n: number; last: number };

export type GuessThrottle = {
  /** Milliseconds to hold an attempt from `address` (the larger of its own and the global delay). */
  delay(address: string, now: number): number;
  failed(address: string, now: number): void;
  /** Forgets the address's failures (the global count only fades with time). */
  succeeded(address: string): void;
};

export function curveDelay(failures: number, curve: ThrottleCurve): number {
  if (failures < curve.free) return 0;
  return Math.min(curve.maxMs, curve.baseMs * 2 ** Math.min(failures - curve.free, 40));
}

export function createGuessThrottle(options: { maxDelayMs?: number; windowMs?: number } = {}): GuessThrottle {
  const windowMs = options.windowMs ?? FAILURE_WINDOW_MS;
  const cap = (curve: ThrottleCurve): ThrottleCurve => ({ ...curve, maxMs: options.maxDelayMs ?? curve.maxMs });
  const address = cap(ADDRESS_CURVE);
  const global = cap(GLOBAL_CURVE);
  const byAddress = new Map<string, Count>();
  let all: Count = { n: 0, last: 0 };
  const live = (count: Count | undefined, now: number): number => (count && now - count.last < windowMs ? count.n : 0);
  return {
    delay(key, now) {
      return Math.max(curveDelay(live(byAddress.get(key), now), address), curveDelay(live(all, now), global));
    },
    failed(key, now) {
      const n = live(byAddress.get(key), now) + 1;
      byAddress.delete(key); // re-insert: Map order stays least recently failed first
      byAddress.set(key, { n, last: now });
      if (byAddress.size > MAX_TRACKED) byAddress.delete(byAddress.keys().next().value as string);
      all = { n: live(all, now) + 1, last: now };
    },
    succeeded(key) {
      byAddress.delete(key);
    },
  };
}
