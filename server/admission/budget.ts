/**
 * @module Keyed token buckets (pure, takes `now`): a budget per key (an address, an event) that refills at a
 * steady rate. Memory is bounded by `maxKeys`: the least recently used keys are forgotten first (a forgotten
 * key starts full again, which only ever errs towards letting a viewer in).
 */

export type BudgetRate = {
  /** Spent at once from a full bucket. */
  burst: number;
  /** Refill, per minute. */
  perMinute: number;
};

export type Budget = {
  /** Takes one unit for `key`; false when it has none left (the caller refuses). */
  take(key: string, now: number): boolean;
  /** Gives back a unit taken for `key` (a later check refused the request: it did nothing). */
  refund(key: string): void;
  readonly trackedKeys: number;
};

type Bucket = { tokens: number; at: number };

export function createBudget(rate: BudgetRate, maxKeys = 100_000): Budget {
  const buckets = new Map<string, Bucket>();
  return {
    take(key, now) {
      let bucket = buckets.get(key);
      if (bucket) buckets.delete(key); // re-inserted below: Map order = least recently used first
      bucket ??= { tokens: rate.burst, at: now };
      buckets.set(key, bucket);
      while (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      bucket.tokens = Math.min(rate.burst, bucket.tokens + (Math.max(0, now - bucket.at) * rate.perMinute) / 60_000);
      bucket.at = now;
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    refund(key) {
      const bucket = buckets.get(key);
      if (bucket) bucket.tokens = Math.min(rate.burst, bucket.tokens + 1);
    },
    get trackedKeys() {
      return buckets.size;
    },
  };
}

/** Takes from every budget or from none: the first that refuses gets nothing taken, the earlier ones are refunded. */
export function takeAll(now: number, ...entries: Array<[Budget, string]>): boolean {
  for (let i = 0; i < entries.length; i++) {
    const [budget, key] = entries[i] as [Budget, string];
    if (budget.take(key, now)) continue;
    for (const [earlier, earlierKey] of entries.slice(0, i)) earlier.refund(earlierKey);
    return false;
  }
  return true;
}
