/** @module Reconnect delays (pure): exponential with jitter, so a crowd dropped at once does not return at once. */

export type BackoffPolicy = { baseMs: number; maxMs: number; maxAttempts: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000, maxAttempts: 8 };

/**
 * Delay before retry number `retry` (1 = the first retry): `base × 2^(retry−1)`, capped at `maxMs`, then scaled
 * into [50 %, 100 %] by `random` (0..1). Null once `maxAttempts` retries have been used.
 */
export function retryDelay(retry: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number | null {
  if (retry < 1 || retry > policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (retry - 1));
  const r = Math.min(1, Math.max(0, random));
  return Math.round(ceiling * (0.5 + r / 2));
}
