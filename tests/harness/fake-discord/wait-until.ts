/**
 * @module Polling wait for tests: re-checks a condition until it holds or a deadline passes, instead of fixed sleeps.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export type WaitOptions = { timeoutMs?: number; intervalMs?: number; what?: string };

/**
 * Resolves with the first truthy value `check` returns. A `check` that throws (e.g. a failing `expect`) counts as
 * "not yet"; its last error is reported if the deadline passes.
 */
export async function waitUntil<T>(check: () => T | null | undefined | false, options: WaitOptions = {}): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 20, what = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = check();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${reason}`, { cause: lastError });
    }
    await sleep(intervalMs);
  }
}
