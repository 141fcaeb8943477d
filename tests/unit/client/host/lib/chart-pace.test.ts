/**
 * Live charts draw a slide once it moved a few pixels (and not more often than every few seconds), anything else at
 * once; a frame draws a bounded number of slides.
 */
import { describe, expect, it } from 'vitest';
import { MIN_SLIDE_MS, pace, SlidePacer, type PaceSpec } from '../../../../../client/src/lib/chart-pace.ts';

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

/** Slides a window by 1 s a tick for a minute; how many ticks drew. */
function drawsInAMinute(make: (t: number) => PaceSpec, phase: number): number {
  let drawn = make(0);
  let draws = 0;
  for (let t = 1_000; t <= 60_000; t += 1_000) {
    const next = make(t);
    const due = pace(drawn, next, PX, phase);
    expect(due).not.toBe('now');
    if (due === 'slide') ((drawn = next), (draws += 1));
  }
  return draws;
}

describe('chart pacing', () => {
  it('draws a 15-minute window that slides by 1 s a tick every third pixel: every 6 s', () => {
    expect(drawsInAMinute(spec, 0.3)).toBe(10);
  });

  it('draws a 5-minute window (over a pixel a second) no more often than every 3 s', () => {
    expect(MIN_SLIDE_MS).toBe(3_000);
    expect(drawsInAMinute((t) => spec(t, { xMin: t - 5 * MIN }), 0.5)).toBe(20);
  });

  it('spreads charts with different phases over different ticks', () => {
    const drawsAt = (phase: number) =>
      [1_000, 2_000, 3_000, 4_000].filter((t) => pace(spec(t - 1_000), spec(t), PX, phase) === 'slide');
    expect(drawsAt(0.1)).not.toEqual(drawsAt(0.6));
  });

  it('draws at once for a first draw, new data under a still window, a zoom, theme, series or markers', () => {
    const drawn = spec(10_000);
    expect(pace(null, drawn, PX)).toBe('now');
    expect(pace(drawn, spec(10_000), PX)).toBe('now');
    expect(pace(drawn, spec(10_500, { xMin: 10_500 - 5 * MIN }), PX)).toBe('now');
    expect(pace(drawn, spec(9_000), PX)).toBe('now');
    expect(pace(drawn, spec(10_500, { theme: 'light' }), PX)).toBe('now');
    expect(pace(drawn, spec(10_500, { series: [{ label: 'p50' }] }), PX)).toBe('now');
    expect(pace(drawn, spec(10_500, { markers: [1] }), PX)).toBe('now');
    expect(pace(drawn, spec(10_500, { xMin: undefined, xMax: undefined }), PX)).toBe('now');
    expect(pace(drawn, spec(10_500), 0)).toBe('now'); // not laid out yet
    expect(pace(drawn, spec(10_100), PX, 0)).toBe('wait');
  });
});

describe('slide budget', () => {
  it('grants a frame at most its slides, and a new frame its own', () => {
    const pacer = new SlidePacer(2);
    const [a, b, c] = [{}, {}, {}];
    expect([pacer.take(a, 16), pacer.take(b, 16), pacer.take(c, 16)]).toEqual([true, true, false]);
    expect(pacer.take(c, 1_016)).toBe(true);
  });

  it('serves the charts it refused first, in the order they were refused', () => {
    const pacer = new SlidePacer(1);
    const [a, b, c] = [{}, {}, {}];
    expect([pacer.take(a, 1), pacer.take(b, 1), pacer.take(c, 1)]).toEqual([true, false, false]);
    // Next frame: `a` is due again and asks first, but `b` has waited longer.
    expect([pacer.take(a, 2), pacer.take(b, 2)]).toEqual([false, true]);
    expect([pacer.take(a, 3), pacer.take(c, 3)]).toEqual([false, true]);
    expect(pacer.take(a, 4)).toBe(true);
  });

  it('lets a chart that drew anyway, or is gone, out of the line', () => {
    const pacer = new SlidePacer(1);
    const [a, b, c] = [{}, {}, {}];
    expect([pacer.take(a, 1), pacer.take(b, 1), pacer.take(c, 1)]).toEqual([true, false, false]);
    pacer.forget(b);
    expect(pacer.take(c, 2)).toBe(true);
  });
});
