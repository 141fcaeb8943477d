/**
 * The spine in a real browser: a loopback RTCPeerConnection pair (fake camera/mic, AV1) in headless Chromium,
 * the real collector bundle, the real server; the host sees one watching AV1 viewer with a bitrate. The bundle also
 * loads as an ES module from another origin.
 * Runs inside a loopback-only network namespace (tests/loopback-only.sh).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Tick } from '../../shared/tick.ts';
import { launchChromium, type Browser, E2E_WAIT_MS } from './support/chromium.ts';
import { openAsHost } from './support/host-page.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { serveTestPages, type StaticPages } from './support/static-pages.ts';
import { waitForExpression } from './support/wait-expression.ts';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
let server: ServerProcess;
let browser: Browser;
let pages: StaticPages;

beforeAll(async () => {
  server = await startServerProcess();
  pages = await serveTestPages();
  browser = await launchChromium({ webrtc: true });
  mkdirSync(artifacts, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await server?.stop();
});

async function poll<T>(read: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('reports a real AV1 loopback viewer through the collector to the host', async () => {
  const event = await server.createEvent({ title: 'Spine e2e' });
  const page = await browser.context.newPage();
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('pageerror', (e) => consoleLines.push(e.message));
  await page.goto(`${pages.url}/loopback.html?server=${encodeURIComponent(server.url)}`);
  const sessionId = await page.evaluate(
    `window.startLoopback(${JSON.stringify(server.url)}, ${JSON.stringify(event.id)})`,
  );
  expect(sessionId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);

  let last: Tick | null = null;
  const tick = await poll(
    async () => {
      last = (await (await server.api(`/api/events/${event.id}/live`)).json()) as Tick | null;
      return last && last.viewers.watching === 1 && (last.bitrateKbps?.p50 ?? 0) > 0 ? last : undefined;
    },
    30_000,
    'one watching viewer with a bitrate',
  ).catch(async (error: Error) => {
    const stats = await page.evaluate('JSON.stringify(window.kansoku?.collector.stats())');
    throw new Error(`${error.message}; last tick: ${JSON.stringify(last)}; collector: ${String(stats)}`);
  });
  expect(tick.codecs).toEqual({ AV1: 1 });
  expect(tick.browsers).toEqual({ Chrome: 1 });
  expect(tick.fps?.p50).toBeGreaterThan(0);
  expect(tick.height?.p50).toBe(360);

  const viewers = (await (await server.api(`/api/events/${event.id}/viewers`)).json()) as Array<{
    sessionId: string;
    codec: string;
    state: string;
  }>;
  expect(viewers).toMatchObject([{ sessionId, codec: 'AV1', state: 'watching' }]);
  await page.screenshot({ path: `${artifacts}spine-loopback-viewer.png` });

  // The host's dashboard, in another tab of the same browser.
  const host = await browser.context.newPage();
  await openAsHost(host, `${server.url}/?event=${event.id}`, 'kpis');
  await waitForExpression(
    host,
    'document.querySelector(\'[data-testid="viewers-watching"]\')?.textContent?.trim() === "1"',
  );
  await host.getByTestId('codec-AV1').waitFor();
  await waitForExpression(
    host,
    'parseFloat(document.querySelector(\'[data-testid="kpi-bitrate"]\')?.textContent ?? "0") > 0',
  );
  await host.screenshot({ path: `${artifacts}spine-loopback-dashboard.png` });
});

it('serves the collector as an ES module that a page on another origin can import', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/loopback.html?server=${encodeURIComponent(server.url)}`);
  expect(new URL(pages.url).origin).not.toBe(new URL(server.url).origin);
  // A cross-origin module script needs the server's CORS answer; a classic script (above) does not.
  // A string, so that vitest leaves the page's own `import()` alone.
  const url = `${server.url}/embed/kansoku-collector.js`;
  const exported = (await page.evaluate(`import(${JSON.stringify(url)}).then((m) => Object.keys(m))`)) as string[];
  expect(exported).toContain('attach');
  await page.close();
});
