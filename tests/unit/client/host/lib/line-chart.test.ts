/** The chart attachment's pure helpers: wall-clock time ticks and colors with alpha. */
import { describe, expect, it } from 'vitest';
import { timeTicks, withAlpha } from '../../../../../client/src/lib/line-chart.svelte.ts';

describe('line chart helpers', () => {
  it('puts time ticks on round wall-clock steps, at most the given count', () => {
    const start = new Date(2026, 0, 1, 10, 0, 7).getTime();
    const ticks = timeTicks(start, start + 15 * 60_000, 6);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.every((t) => new Date(t).getSeconds() === 0 && new Date(t).getMinutes() % 5 === 0)).toBe(true);
    const short = timeTicks(start, start + 60_000, 6);
    expect(short.every((t) => new Date(t).getSeconds() % 10 === 0)).toBe(true);
    expect(timeTicks(start, start, 6)).toEqual([]);
  });

  it('adds alpha to hex and rgb colors', () => {
    expect(withAlpha('#ff8000', 0.5)).toBe('rgba(255, 128, 0, 0.5)');
    expect(withAlpha('rgb(1, 2, 3)', 0.2)).toBe('rgba(1, 2, 3, 0.2)');
    expect(withAlpha('red', 0.2)).toBe('red');
  });
});
