import { pino } from 'pino';
import { expect, it } from 'vitest';
import type { Timers } from '../../../../server/clock.ts';
import type { LiveService } from '../../../../server/live/live-service.ts';
import { startTickLoop } from '../../../../server/live/tick-loop.ts';
import type { Tick } from '../../../../shared/tick.ts';

it('ticks once per second boundary even when timers fire a little early or late', () => {
  let now = 1_000_250;
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
  const live = { tick: (t: number) => (seconds.push(t), [] as Tick[]) } as unknown as LiveService;
  const loop = startTickLoop({ live, clock: { now: () => now }, timers, logger: pino({ level: 'silent' }), publish: () => undefined, afterTick: () => undefined });
  expect(delays).toEqual([750]);
  for (const firedAt of [1_000_999, 1_002_003, 1_002_999, 1_004_400]) {
    now = firedAt;
    (pending as unknown as () => void)();
  }
  loop.stop();
  expect(seconds).toEqual([1_001_000, 1_002_000, 1_003_000, 1_004_000]);
});
