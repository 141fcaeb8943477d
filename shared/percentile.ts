/** @module p10/p50/p90 of a set of viewer values (nearest-rank; sorts the given array in place). */
import type { Dist } from './tick.ts';

/** Sorts `values` in place and returns its distribution; null for an empty set. */
export function distribution(values: number[]): Dist {
  const n = values.length;
  if (n === 0) return null;
  values.sort((a, b) => a - b);
  const at = (q: number): number => values[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] as number;
  return { p10: at(0.1), p50: at(0.5), p90: at(0.9), n };
}
