/**
 * @module Seeded pseudo-random numbers (mulberry32): the simulator's only source of chance, so a seed
 * replays the same crowd, personas and samples.
 */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One item, with probability proportional to its weight. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
  /** Gaussian (Box–Muller). */
  normal(mean: number, sd: number): number;
  /** Exponential with the given mean (waiting times between Poisson events). */
  exponential(mean: number): number;
  /** An independent stream seeded from this one (one per viewer, so viewers do not disturb each other). */
  fork(): Rng;
};

/** mulberry32: 32 bits of state, fast, good enough for simulation (not for anything secret). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let x = next() * total;
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new RangeError('weighted pick from an empty list');
      return last[0];
    },
    normal(mean, sd) {
      const u = 1 - next(); // (0, 1]: log(0) is never taken
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
    fork: () => createRng(Math.floor(next() * 4_294_967_296)),
  };
  return rng;
}
