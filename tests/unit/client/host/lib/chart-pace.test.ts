/** Live charts draw when the picture changes by at least a pixel, and at once for anything but a slide. */
import { describe, expect, it } from 'vitest';
import { mustDraw, type PaceSpec } from '../../../../../client/src/lib/chart-pace.ts';

const MIN = 60_000;
const spec = (xMax: number, more: Partial<PaceSpec> = {}): PaceSpec => ({
  xMin: xMax - 15 * MIN,
  xMax,
  theme: 'dark',
  series: [{ label: 'p50' }, { label: 'p90' }],
  markers: [],
  ...more,
});
/** 15 minutes over 450 px: 2 s per pixel. */
const PX = 450;

describe('chart pacing', () => {
  it('draws a 15-minute window that slides by 1 s a tick every other tick', () => {
    let drawn = spec(0);
    let draws = 0;
    for (let t = 1_000; t <= 60_000; t += 1_000) {
      const next = spec(t);
      if (mustDraw(drawn, next, PX, 0.3)) ((drawn = next), (draws += 1));
    }
    expect(draws).toBe(30);
  });

  it('spreads charts with different phases over different ticks', () => {
    const drawsAt = (phase: number) =>
      [1_000, 2_000, 3_000, 4_000].filter((t) => mustDraw(spec(t - 1_000), spec(t), PX, phase));
    expect(drawsAt(0.05)).not.toEqual(drawsAt(0.55));
  });

  it('draws every tick of a 5-minute window (over a pixel a second)', () => {
    const five = (t: number) => spec(t, { xMin: t - 5 * MIN });
    for (let t = 1_000; t <= 10_000; t += 1_000) expect(mustDraw(five(t - 1_000), five(t), PX, 0.5)).toBe(true);
  });

  it('draws at once for a first draw, new data under a still window, a zoom, theme, series or markers', () => {
    const drawn = spec(10_000);
    expect(mustDraw(null, drawn, PX)).toBe(true);
    expect(mustDraw(drawn, spec(10_000), PX)).toBe(true);
    expect(mustDraw(drawn, spec(10_500, { xMin: 10_500 - 5 * MIN }), PX)).toBe(true);
    expect(mustDraw(drawn, spec(9_000), PX)).toBe(true);
    expect(mustDraw(drawn, spec(10_500, { theme: 'light' }), PX)).toBe(true);
    expect(mustDraw(drawn, spec(10_500, { series: [{ label: 'p50' }] }), PX)).toBe(true);
    expect(mustDraw(drawn, spec(10_500, { markers: [1] }), PX)).toBe(true);
    expect(mustDraw(drawn, spec(10_500, { xMin: undefined, xMax: undefined }), PX)).toBe(true);
    expect(mustDraw(drawn, spec(10_500), 0)).toBe(true); // not laid out yet
    expect(mustDraw(drawn, spec(10_100), PX, 0)).toBe(false);
  });
});
