/**
 * @module KANSOKU_WORKERS: several Kansoku processes on one machine and one port (node:cluster; the primary hands
 * out connections, viewers use WebSocket only, so no sticky sessions are needed). The primary serves nothing itself:
 * it makes the data dir's host token and ticket key once (so the workers read the same ones), starts the workers,
 * starts a new one when one dies, and stops them all on SIGINT/SIGTERM.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

/** Processes this machine runs: as configured, else one per core in a cluster (REDIS_URL), else one. */
export const workerCount = (config: Config): number => config.workers ?? (config.redisUrl ? availableParallelism() : 1);

/** A worker that dies sooner than this after its start is not restarted at once (a crash loop). */
const RESTART_BACKOFF_MS = 2_000;

export function runPrimary(count: number, logger: Logger): void {
  const started = new Map<Worker, number>();
  let stopping = false;
  const fork = () => started.set(cluster.fork(), Date.now());
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    const since = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'a worker died; starting another');
    setTimeout(fork, since < RESTART_BACKOFF_MS ? RESTART_BACKOFF_MS : 0);
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: started.size }, 'stopping the workers');
    for (const worker of started.keys()) worker.process.kill(signal);
    if (started.size === 0) process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

export const isPrimary = (): boolean => cluster.isPrimary;

/** A worker whose primary is gone (killed) stops too, instead of serving on without anyone to restart it. */
export function stopWithPrimary(stop: () => void): void {
  if (cluster.isWorker) process.on('disconnect', stop);
}
