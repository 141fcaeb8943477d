/** The sketch of the partial ticks: within 1 % (and so 2 %) of the exact nearest-rank quantile, merged or not. */
import { describe, expect, it } from 'vitest';
import { distribution } from '../../../../shared/percentile.ts';
import { Sketch, SKETCH_ALPHA } from '../../../../server/cluster/ddsketch.ts';

/** A deterministic pseudo-random stream (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const shapes: Record<string, (r: () => number) => number> = {
  'bitrate (log-normal)': (r) => Math.exp(7 + 0.8 * (r() + r() + r() - 1.5)),
  'loss % (mostly 0)': (r) => (r() < 0.7 ? 0 : r() ** 3 * 20),
  'rtt ms (uniform)': (r) => 5 + r() * 400,
  'height px (a few values)': (r) => [360, 480, 720, 1080][Math.floor(r() * 4)] as number,
};

describe.each(Object.entries(shapes))('%s', (_, draw) => {
  it('merged from many processes, p10/p50/p90 are within α of exact', () => {
    const r = random(42);
    const all: number[] = [];
    const merged = new Sketch();
    for (let process = 0; process < 7; process++) {
      const part = new Sketch();
      for (let i = 0; i < 1_500; i++) {
        const x = draw(r);
        all.push(x);
        part.add(x);
      }
      merged.merge(JSON.parse(JSON.stringify(part)) as ReturnType<Sketch['toJSON']>); // through the wire form
    }
    const exact = distribution(all);
    const got = merged.dist();
    expect(got?.n).toBe(exact?.n);
    for (const q of ['p10', 'p50', 'p90'] as const) {
      const e = exact?.[q] ?? NaN;
      expect(Math.abs((got?.[q] ?? NaN) - e), `${q}: ${got?.[q]} vs ${e}`).toBeLessThanOrEqual(e * SKETCH_ALPHA + 1e-9);
    }
  });
});

it('answers exactly when a bin holds one distinct value, and null when empty', () => {
  const s = new Sketch();
  expect(s.dist()).toBeNull();
  for (const x of [720, 720, 1080, 30]) s.add(x);
  expect(s.dist()).toEqual({ p10: 30, p50: 720, p90: 1080, n: 4 });
});

it('ignores NaN and counts values at or below zero as zero', () => {
  const s = new Sketch();
  s.add(Number.NaN);
  s.add(-3);
  s.add(0);
  expect(s.dist()).toEqual({ p10: 0, p50: 0, p90: 0, n: 2 });
});
