/** Beacon rate limits: per session and global token buckets, bounded memory. */
import { describe, expect, it } from 'vitest';
import { createBeaconLimiter } from '../../../../server/beacon/beacon-limiter.ts';

const limits = { sessionBurst: 3, sessionPerMinute: 60, globalBurst: 5, globalPerSecond: 1, maxKeys: 4 };

describe('createBeaconLimiter', () => {
  it('lets a session burst, then one per refill interval', () => {
    const limiter = createBeaconLimiter(limits);
    expect([1, 2, 3, 4].map(() => limiter.allow('s1', 0))).toEqual([true, true, true, false]);
    expect(limiter.allow('s1', 500)).toBe(false);
    expect(limiter.allow('s1', 1_000)).toBe(true);
  });

  it('caps everybody together, without charging the session for the global refusal', () => {
    const limiter = createBeaconLimiter(limits);
    const sessions = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(sessions.map((s) => limiter.allow(s, 0))).toEqual([true, true, true, true, true, false]);
    expect(limiter.allow('f', 1_000)).toBe(true);
  });

  it('forgets the least recently seen sessions beyond maxKeys', () => {
    const limiter = createBeaconLimiter({ ...limits, globalBurst: 100 });
    for (const s of ['a', 'b', 'c', 'd', 'e']) limiter.allow(s, 0);
    expect(limiter.trackedKeys).toBe(4);
  });
});
