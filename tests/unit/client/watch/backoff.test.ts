/** Reconnect delays: exponential, capped, jittered, bounded in attempts. */
import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../../../client/src/watch/join/backoff.ts';

describe('retryDelay', () => {
  it('doubles from the base, capped, with jitter between half and all of it', () => {
    expect(retryDelay(1, 1)).toBe(1_000);
    expect(retryDelay(1, 0)).toBe(500);
    expect(retryDelay(3, 1)).toBe(4_000);
    expect(retryDelay(8, 1)).toBe(30_000);
    expect(retryDelay(8, 0)).toBe(15_000);
  });

  it('gives up after the last attempt and rejects nonsense', () => {
    expect(retryDelay(9, 0.5)).toBeNull();
    expect(retryDelay(0, 0.5)).toBeNull();
    expect(retryDelay(2, 7, { baseMs: 100, maxMs: 1_000, maxAttempts: 2 })).toBe(200);
  });
});
