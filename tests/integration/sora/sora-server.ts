/** @module The real app with Sora webhooks switched on (a secret in its config), for the sora and beacon tests. */
import { pino } from 'pino';
import { ticketKeyFrom } from '../../../server/admission/ticket-key.ts';
import { createApp, type App } from '../../../server/app.ts';
import { systemClock, systemTimers } from '../../../server/clock.ts';
import { loadConfig } from '../../../server/config.ts';
import type { EventCreate, KansokuEvent } from '../../../shared/event.ts';
import { TEST_TICKET_KEY } from '../../helpers/start-test-server.ts';
import { openTestStorage } from '../../helpers/test-storage.ts';

export const SECRET = 'integration-webhook-secret-01';
export const HOST_TOKEN = 'sora-test-host-token-0123456789';

export type SoraServer = {
  url: string;
  app: App;
  /** fetch with the host token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** POST JSON without host credentials. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  soraEvent(channelId: string, input?: Partial<EventCreate>): Promise<KansokuEvent>;
  close(): Promise<void>;
};

export async function startSoraServer(
  env: Record<string, string> = { SORA_WEBHOOK_SECRET: SECRET },
): Promise<SoraServer> {
  const { storage, close: closeStorage } = await openTestStorage('sqlite');
  const app = await createApp({
    storage,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock: systemClock,
    timers: systemTimers,
    hostToken: HOST_TOKEN,
    version: 'test',
    clientDir: '/nonexistent',
    config: loadConfig(env),
    ticketKey: ticketKeyFrom(TEST_TICKET_KEY),
  });
  const { port } = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${HOST_TOKEN}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  return {
    url,
    app,
    api,
    post: (path, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async soraEvent(channelId, input = {}) {
      const sora = {
        signalingUrls: ['wss://sora.example/signaling'],
        channelId,
        videoCodecType: 'AV1',
        metadata: { room: 'r' },
        minChromeVersion: 100,
      };
      const res = await api('/api/events', {
        method: 'POST',
        body: JSON.stringify({ title: `Event ${channelId}`, phase: 'live', sora, ...input }),
      });
      if (res.status !== 201) throw new Error(`create event: ${res.status} ${await res.text()}`);
      return (await res.json()) as KansokuEvent;
    },
    async close() {
      await app.close();
      await closeStorage();
    },
  };
}
