/**
 * @module Who aggregates an event: a lease in Redis. Every process tries to take or keep it once a second; the
 * holder renews it, and when the holder dies the lease runs out after LEASE_MS and the next process to ask takes it
 * (handover within LEASE_MS + one second). Take-or-renew and release are one Lua script each, so they are atomic.
 */
import type { Redis } from 'ioredis';

/** How long a lease lasts without renewal. */
export const LEASE_MS = 3_000;

const TAKE_OR_RENEW = `
local holder = redis.call('GET', KEYS[1])
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export type Leases = {
  /** True when this process holds (now, or again) the lease of `name`. */
  hold(name: string): Promise<boolean>;
  /** Who holds `name`'s lease, or null. */
  holder(name: string): Promise<string | null>;
  /** Gives up every lease this process holds (on shutdown, so another takes over at once). */
  releaseAll(): Promise<void>;
};

export function createLeases(redis: Redis, prefix: string, instance: string, leaseMs = LEASE_MS): Leases {
  const held = new Set<string>();
  const key = (name: string) => `${prefix}lease:${name}`;
  return {
    async hold(name) {
      const won = (await redis.eval(TAKE_OR_RENEW, 1, key(name), instance, String(leaseMs))) === 1;
      if (won) held.add(name);
      else held.delete(name);
      return won;
    },
    holder: (name) => redis.get(key(name)),
    async releaseAll() {
      await Promise.allSettled([...held].map((name) => redis.eval(RELEASE, 1, key(name), instance)));
      held.clear();
    },
  };
}
