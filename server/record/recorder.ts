/**
 * @module Group commit of the event record: whatever the live state owes storage goes to the database in one
 * transaction a few times a second. `durable()` resolves once everything changed before the call is committed —
 * handlers ack a viewer only then, so an acked sample survives any crash. A failed write is kept and retried (its
 * waiters are told, so viewers keep their samples and resend); writes never block the live ticks.
 */
import type { Tick } from '../../shared/tick.ts';
import type { Clock, Timers } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { batchSize, mergeBatches, type RecordBatch } from './record-batch.ts';

/** How long a commit waits to gather more changes (the price of an ack, and the saving in transactions). */
export const GROUP_COMMIT_MS = 100;
/** How soon a failed write is tried again when nothing else asks for a commit. */
const RETRY_MS = 1_000;

export type RecorderDeps = {
  /** Drains what the live state owes storage now (`final`: also the history bucket in progress). */
  collect(now: number, final: boolean): RecordBatch;
  write(batch: RecordBatch): Promise<void>;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  delayMs?: number;
};

export type Recorder = {
  /** Resolves when everything changed before this call is committed; rejects when that commit failed. */
  durable(): Promise<void>;
  /** Hands over ticks (written with the next commit) and asks for one. */
  addTicks(ticks: readonly Tick[]): void;
  /** When the oldest rows not yet committed were collected (a commit in flight, or a failed one kept); null if none. */
  owedSince(): number | null;
  /** Commits everything, the history bucket in progress included, and stops (shutdown). */
  close(): Promise<void>;
};

type Waiter = { resolve(): void; reject(error: unknown): void };

/** Why a `durable()` wait failed: the commit did not go through (the rows are kept and retried). */
export class RecordUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('storage is not taking writes right now', { cause });
    this.name = 'RecordUnavailableError';
  }
}

export function createRecorder(deps: RecorderDeps): Recorder {
  const { clock, timers, logger } = deps;
  const delayMs = deps.delayMs ?? GROUP_COMMIT_MS;
  let waiters: Waiter[] = [];
  let ticks: Tick[] = [];
  let unwritten: RecordBatch | null = null;
  let owedSince: number | null = null;
  let requested = false;
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let failing = false;
  let closed = false;

  const commit = async (final: boolean): Promise<void> => {
    const batchWaiters = waiters;
    waiters = [];
    const collectedAt = clock.now();
    const fresh = deps.collect(collectedAt, final);
    fresh.ticks.push(...ticks);
    ticks = [];
    const batch = unwritten ? mergeBatches(unwritten, fresh) : fresh;
    unwritten = null;
    owedSince ??= collectedAt; // a kept batch's rows were collected earlier
    try {
      if (batchSize(batch) > 0) await deps.write(batch);
      owedSince = null;
      if (failing) logger.info('storage writes resumed');
      failing = false;
      for (const w of batchWaiters) w.resolve();
    } catch (error) {
      unwritten = batch;
      if (!failing)
        logger.error({ err: error, rows: batchSize(batch) }, 'storage write failed; keeping the rows and retrying');
      failing = true;
      for (const w of batchWaiters) w.reject(new RecordUnavailableError(error));
      if (!closed) timers.setTimeout(request, RETRY_MS);
    }
  };

  const run = async (): Promise<void> => {
    while (requested && !closed) {
      requested = false;
      await commit(false);
    }
    running = null;
  };

  function request(): void {
    requested = true;
    if (running || timer !== null || closed) return;
    timer = timers.setTimeout(() => {
      timer = null;
      running ??= run();
    }, delayMs);
  }

  return {
    durable() {
      if (closed) return Promise.reject(new RecordUnavailableError());
      const done = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
      request();
      return done;
    },
    owedSince: () => owedSince,
    addTicks(more) {
      ticks.push(...more);
      request();
    },
    async close() {
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await running;
      await commit(true);
      for (const w of waiters) w.reject(new RecordUnavailableError());
      waiters = [];
    },
  };
}
