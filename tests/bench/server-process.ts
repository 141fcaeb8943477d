/**
 * @module Server processes under test: Kansoku itself (`server/main.ts`, the production entry, run by node with the
 * tsx loader so the PID is the server's own) or the bare baseline. Started on 127.0.0.1 with a free port (or a given
 * one, for a restart); stopped by PID, or killed with SIGKILL as a crash would.
 */
import { BENCH_TICKET_KEY } from './protocol.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type ServerUnderTest = {
  pid: number;
  url: string;
  child: ChildProcess;
  /** SIGTERM (the server flushes and exits), SIGKILL after 30 s. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or an OOM kill would: nothing is flushed. Resolves once the process is gone. */
  crash(): Promise<void>;
};

export type ServerSpec =
  | {
      kind: 'kansoku';
      dataDir: string;
      hostToken: string;
      cpuProfDir?: string;
      port?: number;
      databaseUrl?: string;
      /** More settings (REDIS_URL for a cluster). */
      env?: Record<string, string>;
    }
  | { kind: 'bare' };

/** Resolves once the process prints its URL; rejects when it exits first or takes longer than `timeoutMs`. */
export function startServerProcess(spec: ServerSpec, timeoutMs = 60_000): Promise<ServerUnderTest> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  delete env.DATABASE_URL; // the embedded SQLite default, unless the spec names a database
  let args: string[];
  if (spec.kind === 'kansoku') {
    if (spec.databaseUrl) env.DATABASE_URL = spec.databaseUrl;
    Object.assign(env, {
      PORT: String(spec.port ?? 0),
      HOST: '127.0.0.1',
      KANSOKU_DATA_DIR: spec.dataDir,
      KANSOKU_HOST_TOKEN: spec.hostToken,
      KANSOKU_TICKET_KEY: BENCH_TICKET_KEY,
      LOG_LEVEL: 'warn',
      KANSOKU_WORKERS: '1',
      ...spec.env,
    });
    const prof = spec.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${spec.cpuProfDir}`] : [];
    args = [...prof, '--import', 'tsx', 'server/main.ts'];
  } else {
    args = ['--import', 'tsx', 'tests/bench/bare-server.ts', '0'];
  }
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  // BENCH_SERVER_LOG=<dir>: each server's whole output in <dir>/<kind>-<pid>.log (a run that went wrong).
  const keep = process.env.BENCH_SERVER_LOG
    ? createWriteStream(join(process.env.BENCH_SERVER_LOG, `${spec.kind}-${child.pid}.log`))
    : null;
  child.stdout?.on('data', (chunk: Buffer) => keep?.write(chunk));
  child.once('exit', () => keep?.end());
  child.stderr?.on('data', (chunk: Buffer) => {
    keep?.write(chunk);
    log = (log + chunk.toString()).slice(-4_000);
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      process.kill(child.pid as number, 'SIGTERM');
    });
  const crash = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      process.kill(child.pid as number, 'SIGKILL');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${spec.kind} server did not start within ${timeoutMs} ms\n${log}`));
    }, timeoutMs);
    child.once('exit', (code) => reject(new Error(`${spec.kind} server exited with ${code} before listening\n${log}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      const url = /listening on (http:\/\/[^\s]+)/.exec(chunk.toString())?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({ pid: child.pid as number, url, child, stop, crash });
    });
  });
}
