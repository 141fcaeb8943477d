/**
 * @module Starts the built Kansoku server as a child process (tsx, 127.0.0.1, a free port, a throwaway data
 * dir and a known host token) and stops it by PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventCreate, KansokuEvent } from '../../../shared/event.ts';
import { TEST_TICKET_KEY } from '../../helpers/start-test-server.ts';

export const E2E_HOST_TOKEN = 'e2e-host-token-0123456789abcdef';
const root = fileURLToPath(new URL('../../..', import.meta.url));

export type ServerProcess = {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  api(path: string, init?: RequestInit): Promise<Response>;
  createEvent(input?: Partial<EventCreate>): Promise<KansokuEvent>;
  /** SIGKILL, as a crash would: nothing is flushed; the data dir is kept for a restart. */
  crash(): Promise<void>;
  /** SIGTERM (SIGKILL after 5 s), then removes the data dir. */
  stop(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Waits for `/api/health`; generous, since a busy 2-core machine can take a minute to load the server's modules. */
async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

/** `dataDir`: reuse one (a restart after a crash); a new throwaway dir otherwise. */
export async function startServerProcess(
  env: Record<string, string> = {},
  reuseDataDir?: string,
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = reuseDataDir ?? mkdtempSync(join(tmpdir(), 'kansoku-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KANSOKU_DATA_DIR: dataDir,
      KANSOKU_HOST_TOKEN: E2E_HOST_TOKEN,
      KANSOKU_TICKET_KEY: TEST_TICKET_KEY,
      LOG_LEVEL: 'warn',
      KANSOKU_WORKERS: '1', // one process per server under test (its PID is the server's), a cluster or not
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, () => log);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${E2E_HOST_TOKEN}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
  return {
    url,
    port,
    pid: child.pid as number,
    dataDir,
    api,
    async createEvent(input = {}) {
      const res = await api('/api/events', {
        method: 'POST',
        body: JSON.stringify({ title: 'E2E event', phase: 'live', ...input }),
      });
      if (res.status !== 201) throw new Error(`create event: ${res.status} ${await res.text()}`);
      return (await res.json()) as KansokuEvent;
    },
    async crash() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid as number, 'SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(child.pid as number, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null && child.signalCode === null) process.kill(child.pid as number, 'SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
