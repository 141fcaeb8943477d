/**
 * @module The one-second heartbeat: at each second boundary it builds every event's tick, sends it to the
 * event's host room and hands it to storage. The only timer of the live path.
 */
import { TICK_MS } from '../../shared/limits.ts';
import type { Tick } from '../../shared/tick.ts';
import type { Clock, Timers } from '../clock.ts';
import type { Logger } from '../logger.ts';

export type TickLoopDeps = {
  /** This second's ticks (built from the live state, or none where another process builds them: server/cluster/). */
  build(second: number): Tick[];
  clock: Clock;
  timers: Timers;
  logger: Logger;
  publish(tick: Tick): void;
  /** Runs after each tick with that second's ticks (hand-off to storage). */
  afterTick(now: number, ticks: Tick[]): void;
};

export function startTickLoop(deps: TickLoopDeps): { stop(): void } {
  let handle: unknown;
  let stopped = false;
  let last = -Infinity;
  const run = () => {
    // Each tick carries the wall-clock second it was built in. A timer that fires a little early finds the
    // previous second still current and waits for the boundary; one that fires late (an event-loop stall)
    // labels its tick by the second it is really in, so labels never run ahead of the clock or repeat.
    const now = deps.clock.now();
    const second = now - (now % TICK_MS);
    if (second > last) {
      last = second;
      try {
        const ticks = deps.build(second);
        for (const tick of ticks) deps.publish(tick);
        deps.afterTick(second, ticks);
      } catch (error) {
        deps.logger.error({ err: error }, 'tick failed');
      }
    }
    schedule();
  };
  const schedule = () => {
    if (stopped) return;
    const now = deps.clock.now();
    handle = deps.timers.setTimeout(run, TICK_MS - (now % TICK_MS));
  };
  schedule();
  return {
    stop() {
      stopped = true;
      deps.timers.clearTimeout(handle);
    },
  };
}
