/**
 * @module Everything a watch-page e2e test needs, started once per file: the built Kansoku server (with a webhook
 * secret), the test-pages server, headless Chromium, the publisher page and the fake Sora wired to Kansoku's webhooks.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from '../../e2e/support/chromium.ts';
import { freePort, startServerProcess, type ServerProcess } from '../../e2e/support/server-process.ts';
import { serveTestPages, type StaticPages } from '../../e2e/support/static-pages.ts';
import type { KansokuEvent } from '../../../shared/event.ts';
import type { FailureRecord } from '../../../shared/funnel.ts';
import { startFakeSora, type FakeSora } from './fake-sora.ts';
import { openPublisher } from './publisher.ts';
import type { Scenario } from './scenarios.ts';

export const WEBHOOK_SECRET = 'e2e-sora-webhook-secret-0123';
export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

export type E2eEnv = {
  server: ServerProcess;
  sora: FakeSora;
  browser: Browser;
  /** An event on its own channel, with the fake Sora doing `scenario` there. */
  soraEvent(channelId: string, scenario?: Scenario, signalingUrls?: string[]): Promise<KansokuEvent>;
  /** A fresh page; console and page errors are collected for failure messages. */
  newPage(): Promise<{ page: Page; log: string[] }>;
  /** The first failure of `category` the server's REST API lists for the event. */
  waitForFailure(eventId: string, category: string, timeoutMs?: number): Promise<FailureRecord>;
  /** A ws:// URL where nothing listens. */
  deadSignalingUrl(): Promise<string>;
  close(): Promise<void>;
};

/** Polls `read` every 250 ms until it returns a value. */
export async function poll<T>(read: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startE2eEnv(): Promise<E2eEnv> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startServerProcess({ SORA_WEBHOOK_SECRET: WEBHOOK_SECRET });
  const pages: StaticPages = await serveTestPages();
  const browser = await launchChromium({ webrtc: true });
  const publisher = await openPublisher(browser.context, pages.url);
  const sora = await startFakeSora({
    publisher,
    deadPort: await freePort(),
    eventWebhook: { url: `${server.url}/api/sora/event-webhook`, secret: WEBHOOK_SECRET, useQuery: true },
    authWebhook: { url: `${server.url}/api/sora/auth-webhook`, secret: WEBHOOK_SECRET },
  });

  return {
    server,
    sora,
    browser,
    async soraEvent(channelId, scenario = {}, signalingUrls = [sora.url]) {
      sora.scenarios.set(channelId, scenario);
      return server.createEvent({
        title: `Watch e2e: ${channelId}`,
        sora: { signalingUrls, channelId, videoCodecType: 'AV1', metadata: null, minChromeVersion: 90 },
      });
    },
    async newPage() {
      const page = await browser.context.newPage();
      const log: string[] = [];
      page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
      return { page, log };
    },
    async waitForFailure(eventId, category, timeoutMs = 20_000) {
      let seen: FailureRecord[] = [];
      return poll(
        async () => {
          seen = (await (await server.api(`/api/events/${eventId}/failures`)).json()) as FailureRecord[];
          return seen.find((f) => f.category === category);
        },
        timeoutMs,
        `a ${category} failure for ${eventId}`,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; failures so far: ${JSON.stringify(seen)}`);
      });
    },
    deadSignalingUrl: async () => `ws://127.0.0.1:${await freePort()}/signaling`,
    async close() {
      await sora.close();
      await browser.close();
      await pages.close();
      await server.stop();
    },
  };
}
