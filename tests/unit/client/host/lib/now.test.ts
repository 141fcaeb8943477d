/** The clock's timer: ticks on its own, and with a beat moves with it and keeps quiet between beats. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Beat } from '../../../../../client/src/lib/beat.ts';
import { clockTimer } from '../../../../../client/src/lib/now.ts';
import { globalTimers } from '../../../../../shared/timers.ts';

describe('clock timer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('updates every interval on its own, until stopped', () => {
    let updates = 0;
    const stop = clockTimer(() => (updates += 1), 1_000);
    vi.advanceTimersByTime(3_000);
    expect(updates).toBe(3);
    stop();
    vi.advanceTimersByTime(3_000);
    expect(updates).toBe(3);
  });

  it('with a beat, updates on each beat and not on its own while beats keep coming; on its own when they stop', () => {
    const beat = new Beat(globalTimers());
    let updates = 0;
    const stop = clockTimer(() => (updates += 1), 1_000, beat);
    vi.advanceTimersByTime(500);
    beat.beat();
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(1_050); // ticks come a little late…
      beat.beat();
    }
    expect(updates).toBe(6);
    vi.advanceTimersByTime(1_300); // …then they stop: the clock goes on by itself
    expect(updates).toBe(7);
    vi.advanceTimersByTime(1_000);
    expect(updates).toBe(8);
    stop();
    beat.beat();
    expect(updates).toBe(8);
  });
});
