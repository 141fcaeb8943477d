// The record writer thread's entry: TypeScript sources need tsx's loader, which does not reach worker threads by
// itself (Node 20), so the thread registers it and then imports the real entry (server/record/write-worker.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
