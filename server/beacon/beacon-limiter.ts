/**
 * @module Rate limits for the unauthenticated beacon endpoint (pure, takes `now`): a token bucket per viewing
 * session and one shared by everybody. No IP address is kept; memory is bounded by `maxKeys`.
 */

export type BeaconLimits = {
  /** Beacons one session may send at once, and how many per minute after that. */
  sessionBurst: number;
  sessionPerMinute: number;
  /** All sessions together. */
  globalBurst: number;
  globalPerSecond: number;
  /** Sessions tracked at most; the least recently seen are forgotten first. */
  maxKeys: number;
};

export const DEFAULT_BEACON_LIMITS: BeaconLimits = {
  sessionBurst: 20,
  sessionPerMinute: 12,
  globalBurst: 2_000,
  globalPerSecond: 500,
  maxKeys: 100_000,
};

type Bucket = { tokens: number; at: number };

function take(bucket: Bucket, now: number, burst: number, perMs: number): boolean {
  bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
  bucket.at = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

export type BeaconLimiter = {
  /** False when this beacon must be refused (429). */
  allow(sessionKey: string, now: number): boolean;
  readonly trackedKeys: number;
};

export function createBeaconLimiter(limits: BeaconLimits = DEFAULT_BEACON_LIMITS): BeaconLimiter {
  const sessions = new Map<string, Bucket>();
  const global: Bucket = { tokens: limits.globalBurst, at: 0 };
  return {
    allow(sessionKey, now) {
      let bucket = sessions.get(sessionKey);
      if (bucket) sessions.delete(sessionKey); // re-inserted below: Map order = least recently seen first
      bucket ??= { tokens: limits.sessionBurst, at: now };
      sessions.set(sessionKey, bucket);
      while (sessions.size > limits.maxKeys) sessions.delete(sessions.keys().next().value as string);
      if (!take(bucket, now, limits.sessionBurst, limits.sessionPerMinute / 60_000)) return false;
      // Refused by the shared bucket: give the session its token back, it did nothing wrong.
      if (take(global, now, limits.globalBurst, limits.globalPerSecond / 1000)) return true;
      bucket.tokens += 1;
      return false;
    },
    get trackedKeys() {
      return sessions.size;
    },
  };
}
