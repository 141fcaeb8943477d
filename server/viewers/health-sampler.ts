/**
 * @module What the cadence measures, once a second: the event loop's delay (p99 of Node's own histogram since the
 * last reading) and the slowest record commit that finished since then. The only I/O edge of server/viewers/cadence.ts.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Health } from './cadence.ts';

export type HealthSampler = {
  /** A record commit took `ms` (the recorder's write, from start to commit). */
  commitTook(ms: number): void;
  /** The second's readings, and a fresh start for the next one. */
  read(): Health;
  stop(): void;
};

export function createHealthSampler(): HealthSampler {
  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();
  let slowestCommit: number | null = null;
  return {
    commitTook(ms) {
      slowestCommit = Math.max(slowestCommit ?? 0, ms);
    },
    read() {
      const health: Health = { loopDelayMs: loop.count > 0 ? loop.percentile(99) / 1e6 : 0, commitMs: slowestCommit };
      loop.reset();
      slowestCommit = null;
      return health;
    },
    stop() {
      loop.disable();
    },
  };
}
