/**
 * @module The clock of every test server: the real time until a test freezes it, then only what the test says
 * happened. Budgets, refills and expiries checked against a frozen clock do not depend on how long a busy machine
 * took to send a flood; `advance` stands for the minutes a refill would otherwise need.
 */
import type { Clock } from '../../server/clock.ts';

export type TestClock = Clock & {
  /** Stops time where it is now (the tick loop pauses too: it builds one tick per new second). */
  freeze(): void;
  /** Moves time on by `ms`, frozen or not. */
  advance(ms: number): void;
  /** Lets time run again from where it stands. */
  resume(): void;
};

export function testClock(): TestClock {
  let offset = 0;
  let frozenAt: number | null = null;
  return {
    now: () => frozenAt ?? Date.now() + offset,
    freeze() {
      frozenAt ??= Date.now() + offset;
    },
    advance(ms) {
      if (frozenAt !== null) frozenAt += ms;
      else offset += ms;
    },
    resume() {
      if (frozenAt === null) return;
      offset = frozenAt - Date.now();
      frozenAt = null;
    },
  };
}
