/**
 * Wall mode (issue 12) in headless Chromium against the built server and a simulated crowd: on by itself at 1920×1080,
 * no text under 13 px, nothing cut off, the alerts, key numbers and questions in view while the page scrolls to the
 * viewer table; switched off and on, kept in the URL and the browser; the Japanese page without English left.
 * Screenshots (wall en dark, wall ja light, the failures panel) go to tests/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRule } from '../../shared/alert.ts';
import type { KansokuEvent } from '../../shared/event.ts';
import { launchChromium, type Browser } from './support/chromium.ts';
import { openAsHost } from './support/host-page.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { failingViewer, startCrowd, typicalCrowd, type Crowd } from './support/viewer-driver.ts';
import { cutOffText, englishWords, inViewport, smallText } from './support/wall-checks.ts';
import { waitForExpression } from './support/wait-expression.ts';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
let server: ServerProcess;
let browser: Browser;
let crowd: Crowd;
let event: KansokuEvent;
let page: Page;

/** Fires within seconds for the lossy viewer, so the banner is up on the wall. */
const quickRule: AlertRule = {
  id: 'low-bitrate',
  enabled: true,
  metric: 'low-bitrate-share',
  kbps: 300,
  direction: 'above',
  threshold: 5,
  clearAt: 2,
  forSec: 2,
  clearForSec: 10,
  minViewers: 1,
  action: 'check-uplink',
};
const QUESTIONS = ['Will the slides be shared after the stream?', 'AV1 でも Safari で見られますか？'];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServerProcess();
  event = await server.createEvent({ title: 'Kansoku 2026 product launch', phase: 'live' });
  await server.api(`/api/events/${event.id}/alert-rules`, {
    method: 'PUT',
    body: JSON.stringify({ rules: [quickRule] }),
  });
  crowd = await startCrowd(server.url, event.id, [...typicalCrowd(12), failingViewer()]);
  for (const [i, content] of QUESTIONS.entries())
    await crowd.sockets[i]?.emitWithAck('viewer:question', { t: Date.now(), name: `Viewer ${i + 1}`, content });
  browser = await launchChromium({ locale: 'en-US' });
  page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

afterAll(async () => {
  crowd?.stop();
  await browser?.close();
  await server?.stop();
});

const dashboard = () => `${server.url}/?event=${event.id}`;
const wallOn = () => page.getByTestId('dashboard').getAttribute('data-wall');

describe('wall mode', () => {
  it('is on by itself at 1920×1080, with alerts, key numbers and questions in view down to the viewer table', async () => {
    await openAsHost(page, dashboard(), 'kpis');
    expect(await wallOn()).toBe('true');
    expect(await page.getByTestId('wall-toggle').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('alert-active').first().waitFor();
    await page
      .getByTestId('question')
      .nth(QUESTIONS.length - 1)
      .waitFor();
    await waitForExpression(page, 'document.querySelectorAll(\'[data-testid="viewer-row"]\').length >= 13');
    await waitForExpression(
      page,
      'Number(document.querySelector(\'[data-testid="chart-viewers"]\')?.dataset.points) > 5',
    );
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: `${artifacts}dashboard-wall-en-dark.png` });
    await page
      .getByTestId('panel-failures')
      .screenshot({ path: `${artifacts}dashboard-failures-panel-wall-en-dark.png` });
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    for (const id of ['kpis', 'alert-banner', 'panel-questions', 'question', 'viewer-row', 'wall-toggle'])
      expect(await inViewport(page, id), id).toBe(true);
    await page.screenshot({ path: `${artifacts}dashboard-wall-en-dark-scrolled.png` });
  });

  it('has no text under 13 px and cuts no label off', async () => {
    expect(await smallText(page, 13)).toEqual([]);
    expect(await cutOffText(page)).toEqual([]);
    await page.evaluate('window.scrollTo(0, 0)');
    expect(await cutOffText(page)).toEqual([]);
  });

  it('switches off and on, kept in the URL and in this browser until it matches the screen again', async () => {
    await page.getByTestId('wall-toggle').click();
    expect(await wallOn()).toBe('false');
    expect(new URL(page.url()).searchParams.get('wall')).toBe('0');
    await page.reload();
    await page.getByTestId('kpis').waitFor();
    expect(await wallOn()).toBe('false');
    await openAsHost(page, dashboard(), 'kpis'); // no ?wall=: the browser remembers
    expect(await wallOn()).toBe('false');
    await page.getByTestId('wall-toggle').click();
    expect(await wallOn()).toBe('true');
    expect(new URL(page.url()).searchParams.get('wall')).toBeNull();
    expect(await page.evaluate('localStorage.getItem("kansoku.wall")')).toBeNull();
  });

  it('stays off on a smaller screen unless the link asks for it', async () => {
    const small = await browser.context.newPage();
    await small.setViewportSize({ width: 1366, height: 768 });
    await openAsHost(small, dashboard(), 'kpis');
    expect(await small.getByTestId('dashboard').getAttribute('data-wall')).toBe('false');
    await openAsHost(small, `${dashboard()}&wall=1`, 'kpis');
    expect(await small.getByTestId('dashboard').getAttribute('data-wall')).toBe('true');
    await small.close();
  });

  it('shows the Japanese wall in the light theme with no English left but names and units', async () => {
    await openAsHost(page, dashboard(), 'kpis');
    await page.getByTestId('lang-ja').click();
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('alert-active').first().waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await waitForExpression(page, 'document.documentElement.dataset.theme === "light"');
    expect(await englishWords(page)).toEqual([]);
    expect(await smallText(page, 13)).toEqual([]);
    expect(await cutOffText(page)).toEqual([]);
    await page.screenshot({ path: `${artifacts}dashboard-wall-ja-light.png` });
    await page.getByTestId('lang-en').click();
    await page.getByTestId('theme-toggle').click();
  });
});
