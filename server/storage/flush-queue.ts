/**
 * @module Serializes storage writes: batches handed over while a write is running are merged and written
 * next, so a slow disk delays storage but never the live ticks. Failed writes are logged and dropped.
 */
import type { StorageBatch } from '../live/live-flush.ts';
import type { Logger } from '../logger.ts';

export type FlushQueue = {
  push(batch: StorageBatch): void;
  /** Resolves once everything pushed so far is written. */
  drain(): Promise<void>;
};

export function createFlushQueue(write: (batch: StorageBatch) => Promise<void>, logger: Logger): FlushQueue {
  let pending: StorageBatch[] = [];
  let running: Promise<void> | null = null;

  const merge = (batches: StorageBatch[]): StorageBatch => ({
    sessions: batches.flatMap((b) => b.sessions),
    history: batches.flatMap((b) => b.history),
    ticks: batches.flatMap((b) => b.ticks),
    failures: batches.flatMap((b) => b.failures),
  });

  const run = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = merge(pending);
      pending = [];
      const started = Date.now();
      try {
        await write(batch);
        logger.debug({ ms: Date.now() - started, sessions: batch.sessions.length, history: batch.history.length }, 'flushed');
      } catch (error) {
        logger.error({ err: error, rows: batch.history.length + batch.sessions.length + batch.ticks.length }, 'storage write failed');
      }
    }
    running = null;
  };

  return {
    push(batch) {
      if (batch.sessions.length + batch.history.length + batch.ticks.length + batch.failures.length === 0) return;
      pending.push(batch);
      running ??= run();
    },
    drain: async () => {
      while (running) await running;
    },
  };
}
