/**
 * @module The record writer thread: its own connection to the SQLite file, one transaction per batch it is sent, so
 * the commit's CPU and fsync happen off the event loop. Replies `{ id, ok }`, or the error's message and SQLite code.
 * Started by server/record/worker-writer.ts; nothing here is imported by the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteWriter } from '../db/database.ts';
import { createWriter } from '../storage/write-batch.ts';
import type { WriterReply, WriterRequest } from './worker-writer.ts';

const { file } = workerData as { file: string; entry: string };
const db = openSqliteWriter(file);
const writer = createWriter(db);
const port = parentPort;
if (!port) throw new Error('write-worker.ts runs as a worker thread only');

// One batch at a time, in arrival order (the recorder sends one at a time anyway).
let queue = Promise.resolve();
port.on('message', (request: WriterRequest | 'close') => {
  if (request === 'close') {
    queue = queue.then(() => db.destroy()).then(() => port.close());
    return;
  }
  queue = queue.then(async () => {
    let reply: WriterReply;
    try {
      await writer.writeBatch(request.batch);
      reply = { id: request.id, ok: true };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      reply = {
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        code: typeof code === 'string' ? code : null,
      };
    }
    port.postMessage(reply);
  });
});
