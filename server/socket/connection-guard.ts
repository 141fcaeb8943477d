/**
 * @module Per-connection limits (pure, takes `now`): a token bucket against floods and a sliding count of
 * invalid payloads; a connection that keeps sending garbage is dropped.
 */
import {
  INVALID_WINDOW_MS,
  MAX_INVALID_PER_WINDOW,
  VIEWER_RATE_BURST,
  VIEWER_RATE_PER_SECOND,
} from '../../shared/limits.ts';

export type ConnectionGuard = {
  /** False when the message must be refused as rate-limited. */
  allow(now: number): boolean;
  /** Counts an invalid payload; true when the connection should now be dropped. */
  invalid(now: number): boolean;
  /** Invalid payloads seen on this connection in all. */
  readonly invalidTotal: number;
};

export function createConnectionGuard(
  ratePerSecond = VIEWER_RATE_PER_SECOND,
  burst = VIEWER_RATE_BURST,
  maxInvalid = MAX_INVALID_PER_WINDOW,
): ConnectionGuard {
  let tokens = burst;
  let refilledAt: number | null = null;
  const invalidTimes: number[] = [];
  let invalidTotal = 0;
  return {
    allow(now) {
      if (refilledAt !== null) tokens = Math.min(burst, tokens + ((now - refilledAt) / 1000) * ratePerSecond);
      refilledAt = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    invalid(now) {
      invalidTotal += 1;
      invalidTimes.push(now);
      while (invalidTimes.length > 0 && now - (invalidTimes[0] as number) > INVALID_WINDOW_MS) invalidTimes.shift();
      return invalidTimes.length > maxInvalid;
    },
    get invalidTotal() {
      return invalidTotal;
    },
  };
}
