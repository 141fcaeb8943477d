/** @module Starts the real app on 127.0.0.1:0 with in-memory SQLite, for integration tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ticketKeyFrom } from '../../server/admission/ticket-key.ts';
import { createApp, type App, type AppDeps } from '../../server/app.ts';
import { systemTimers } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import type { Storage } from '../../server/db/database.ts';
import type { SqlDialect } from '../../server/db/schema.ts';
import type { EventCreate, KansokuEvent } from '../../shared/event.ts';
import { testClock, type TestClock } from './test-clock.ts';
import { openTestStorage } from './test-storage.ts';

export const TEST_HOST_TOKEN = 'test-host-token-0123456789';
/**
 * KANSOKU_TICKET_KEY of every test server, so tests can sign viewer tickets (clients.ts `testTicket`) and restarts keep
 * them.
 */
export const TEST_TICKET_KEY = 'test-viewer-ticket-key-0123456789abcdef';

export type TestServer = {
  url: string;
  app: App;
  storage: Storage;
  /** The app's clock: real time unless the test freezes or advances it (kept across `restart`). */
  clock: TestClock;
  /** POST /api/events with the host token. */
  createEvent(input?: Partial<EventCreate>): Promise<KansokuEvent>;
  /** fetch with the host token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the app (flushing to storage) but keeps storage open for assertions. */
  stopApp(): Promise<void>;
  /** Stops the app and starts a new one on the same storage (a server restart); returns the new URL. */
  restart(): Promise<string>;
  close(): Promise<void>;
};

export type TestServerOptions = {
  /** Environment for `loadConfig` (e.g. `DISCORD_TOKEN`, `DISCORD_API_URL`); defaults apply when omitted. */
  env?: Record<string, string>;
  /** The viewer namespace's idle deadline and big-audience threshold (defaults from shared/limits.ts). */
  viewerLimits?: AppDeps['viewerLimits'];
};

/** SQLite in memory by default; `postgres` runs on the integration PostgreSQL in a throwaway schema. */
export async function startTestServer(
  dialect: SqlDialect = 'sqlite',
  options: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kansoku-test-'));
  const { storage, close: closeStorage } = await openTestStorage(dialect);
  const clock = testClock();
  const boot = async () => {
    const started = await createApp({
      storage,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      clock,
      timers: systemTimers,
      hostToken: TEST_HOST_TOKEN,
      version: 'test',
      clientDir: join(dataDir, 'no-client'),
      ticketKey: ticketKeyFrom(TEST_TICKET_KEY),
      viewerLimits: options.viewerLimits,
      ...(options.env ? { config: loadConfig(options.env) } : {}),
    });
    const address = await started.listen(0, '127.0.0.1');
    return { started, url: `http://127.0.0.1:${address.port}` };
  };
  let { started: app, url } = await boot();
  let appStopped = false;
  const stopApp = async () => {
    if (appStopped) return;
    appStopped = true;
    await app.close();
  };
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${TEST_HOST_TOKEN}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
  return {
    get url() {
      return url;
    },
    get app() {
      return app;
    },
    storage,
    clock,
    api,
    async restart() {
      await stopApp();
      ({ started: app, url } = await boot());
      appStopped = false;
      return url;
    },
    async createEvent(input = {}) {
      const res = await api('/api/events', {
        method: 'POST',
        body: JSON.stringify({ title: 'Test event', phase: 'live', ...input }),
      });
      if (res.status !== 201) throw new Error(`create event: ${res.status} ${await res.text()}`);
      return (await res.json()) as KansokuEvent;
    },
    stopApp,
    async close() {
      await stopApp();
      await closeStorage();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
