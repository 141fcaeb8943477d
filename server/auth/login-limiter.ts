/** @module Slows down password guessing: after too many failed logins from one address, refuse for a while (pure). */

export const MAX_FAILED_LOGINS = 10;
export const FAILED_LOGIN_WINDOW_MS = 5 * 60 * 1000;
/** Addresses tracked at once; beyond that the oldest entry is forgotten. */
const MAX_TRACKED = 10_000;

export type LoginLimiter = {
  /** Milliseconds until `key` may try again (0 when it may try now). */
  retryAfter(key: string, now: number): number;
  failed(key: string, now: number): void;
  succeeded(key: string): void;
};

export function createLoginLimiter(max = MAX_FAILED_LOGINS, windowMs = FAILED_LOGIN_WINDOW_MS): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number): number[] => {
    const times = (failures.get(key) ?? []).filter((t) => now - t < windowMs);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  };
  return {
    retryAfter(key, now) {
      const times = recent(key, now);
      return times.length < max ? 0 : windowMs - (now - (times[0] as number));
    },
    failed(key, now) {
      failures.set(key, [...recent(key, now), now].slice(-max));
      if (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value as string);
    },
    succeeded(key) {
      failures.delete(key);
    },
  };
}
