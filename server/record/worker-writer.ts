/**
 * @module Writes record batches on a worker thread (server/record/write-worker.ts) with its own connection to the
 * SQLite file, so a commit's CPU and fsync no longer stall the event loop that serves viewers and ticks. Same
 * contract as the in-process writer: resolves once the batch is committed, rejects with the cause (its SQLite code
 * kept) when it is not. A thread that dies fails what it had and is started again for the next batch.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.ts';
import type { RecordBatch } from './record-batch.ts';

export type WriterRequest = { id: number; batch: RecordBatch };
export type WriterReply = { id: number; ok: true } | { id: number; ok: false; message: string; code: string | null };

export type WorkerWriter = {
  write(batch: RecordBatch): Promise<void>;
  /** Lets the thread finish what it was sent, closes its connection and ends it. */
  close(): Promise<void>;
};

type Pending = { resolve(): void; reject(error: Error): void };

const BOOT = new URL('./write-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./write-worker.ts', import.meta.url).href;

/** An Error carrying the SQLite code, as better-sqlite3's own would (server/db/storage-errors.ts reads it). */
function replyError(reply: Extract<WriterReply, { ok: false }>): Error {
  return Object.assign(new Error(reply.message), reply.code === null ? {} : { code: reply.code });
}

export function createWorkerWriter(file: string, logger: Logger): WorkerWriter {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | null = null;
  let closing: Promise<void> | null = null;

  const failAll = (error: Error): void => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const start = (): Worker => {
    const w = new Worker(BOOT, { workerData: { file, entry: ENTRY }, name: 'kansoku-record-writer' });
    w.on('message', (reply: WriterReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve();
      else p.reject(replyError(reply));
    });
    w.on('error', (error) => {
      logger.error({ err: error }, 'record writer thread failed; starting another for the next batch');
      failAll(error);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (pending.size > 0) failAll(new Error(`record writer thread exited (code ${code}) before answering`));
    });
    return w;
  };

  return {
    write(batch) {
      if (closing) return Promise.reject(new Error('record writer is closed'));
      worker ??= start();
      const id = nextId++;
      const done = new Promise<void>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage({ id, batch } satisfies WriterRequest);
      return done;
    },
    close() {
      closing ??= (async () => {
        const w = worker;
        if (!w) return;
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        w.postMessage('close');
        await exited;
      })();
      return closing;
    },
  };
}
