/**
 * @module The one-second heartbeat: at each second boundary it builds every event's tick, sends it to the
 * event's host room and hands it to storage. The only timer of the live path.
 */
import { TICK_MS } from '../../shared/limits.ts';
import type { Tick } from '../../shared/tick.ts';
import type { Clock, Timers } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { LiveService } from './live-service.ts';

export type TickLoopDeps = {
  live: LiveService;
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
  let last = 0;
  const run = () => {
    // The second boundary this run was aimed at: timers may fire a little early or late, and a tick must
    // never repeat or skip a second because of it.
    const now = Math.max(Math.round(deps.clock.now() / TICK_MS) * TICK_MS, last + TICK_MS);
    last = now;
    try {
      const ticks = deps.live.tick(now);
      for (const tick of ticks) deps.publish(tick);
      deps.afterTick(now, ticks);
    } catch (error) {
      deps.logger.error({ err: error }, 'tick failed');
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
