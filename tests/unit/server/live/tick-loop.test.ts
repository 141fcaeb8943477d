import { pino } from 'pino';
import { expect, it } from 'vitest';
import type { Timers } from '../../../../server/clock.ts';
import { startTickLoop } from '../../../../server/live/tick-loop.ts';
import type { Tick } from '../../../../shared/tick.ts';

/** A tick loop on a hand-driven clock: `fireAt(t)` moves the clock to `t` and runs the pending timer. */
function rig(start: number) {
  let now = start;
  let pending: (() => void) | null = null;
  const delays: number[] = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending = fn;
      delays.push(ms);
      return 1;
    },
    clearTimeout: () => undefined,
    setInterval: () => 0,
    clearInterval: () => undefined,
  };
  const seconds: number[] = [];
  const loop = startTickLoop({
    build: (t: number) => (seconds.push(t), [] as Tick[]),
    clock: { now: () => now },
    timers,
    logger: pino({ level: 'silent' }),
    publish: () => undefined,
    afterTick: () => undefined,
  });
  const fireAt = (t: number) => {
    now = t;
    (pending as unknown as () => void)();
  };
  return { seconds, delays, fireAt, stop: () => loop.stop() };
}

it('ticks once per wall-clock second: an early timer waits for the boundary instead of repeating a second', () => {
  const r = rig(1_000_250);
  expect(r.delays).toEqual([750]);
  for (const t of [1_000_999, 1_001_000, 1_002_003, 1_002_999, 1_003_000, 1_004_400]) r.fireAt(t);
  r.stop();
  expect(r.seconds).toEqual([1_000_000, 1_001_000, 1_002_000, 1_003_000, 1_004_000]);
  expect(r.delays.slice(1)).toEqual([1, 1000, 997, 1, 1000, 600]);
});

it('after an event-loop stall the labels are the wall-clock second again, never a second ahead', () => {
  const r = rig(2_000_000);
  r.fireAt(2_001_000);
  r.fireAt(2_002_600); // a 0.6 s stall: this tick is built during second 2_002_000
  r.fireAt(2_003_000);
  r.fireAt(2_009_100); // the clock jumps 6 s (a long stall, or a suspended machine)
  r.fireAt(2_010_000);
  r.fireAt(2_011_000);
  r.stop();
  expect(r.seconds).toEqual([2_001_000, 2_002_000, 2_003_000, 2_009_000, 2_010_000, 2_011_000]);
});
