/**
 * The dashboard across an event's life in headless Chromium against the built server, fed by a test crowd (no WebRTC):
 * a new scheduled event shows the links to hand out until its first viewer; a show switched to Ended stays on screen
 * (its live phase, whole event, "ended" note, its peak); the phase picker opens the "ended" bucket, a reload keeps the
 * pick, and switching back to Live goes live again. Screenshots (ja/en × dark/light) go to tests/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KansokuEvent } from '../../shared/event.ts';
import { launchChromium, type Browser } from './support/chromium.ts';
import { openAsHost } from './support/host-page.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { startCrowd, typicalCrowd, type Crowd } from './support/viewer-driver.ts';
import { waitForExpression } from './support/wait-expression.ts';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
/** A busy 2-core machine: ticks, REST and renders can each take seconds. */
const SLOW = { timeout: 30_000 };
let server: ServerProcess;
let browser: Browser;
let page: Page;
const crowds: Crowd[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServerProcess();
  browser = await launchChromium({ locale: 'en-US' });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

afterAll(async () => {
  for (const crowd of crowds) crowd.stop();
  await browser?.close();
  await server?.stop();
});

const text = (testid: string) => page.getByTestId(testid).first().textContent();
const attr = (testid: string, name: string) => page.getByTestId(testid).first().getAttribute(name);
/** Waits until the element's text is exactly `value` (the dashboard re-renders every second). */
const textIs = (testid: string, value: string) =>
  page.waitForFunction(
    ([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === v,
    [testid, value] as const,
    SLOW,
  );
const noteIs = (kind: string) => page.waitForSelector(`[data-testid="view-note"][data-kind="${kind}"]`, SLOW);
const pressed = (testid: string) => page.waitForSelector(`[data-testid="${testid}"][aria-pressed="true"]`, SLOW);

async function shot(name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${artifacts}${name}.png` });
}

async function setLook(lang: 'en' | 'ja', theme: 'dark' | 'light'): Promise<void> {
  await page.getByTestId(`lang-${lang}`).click();
  if ((await page.evaluate('document.documentElement.dataset.theme')) !== theme)
    await page.getByTestId('theme-toggle').click();
  await page.waitForFunction(
    ([l, t]) => document.documentElement.lang === l && document.documentElement.dataset.theme === t,
    [lang, theme] as const,
  );
}

async function switchEventPhase(phase: KansokuEvent['phase']): Promise<void> {
  await page.getByTestId(`phase-${phase}`).click();
  await page.getByTestId('phase-confirm').click();
  await pressed(`phase-${phase}`);
}

describe('dashboard through an event’s phases', () => {
  it('shows a new scheduled event’s watch and check links with copy buttons, then the numbers once a viewer arrives', async () => {
    const fresh = await server.createEvent({ title: 'Spring town hall', phase: 'scheduled' });
    await openAsHost(page, `${server.url}/?event=${fresh.id}`, 'idle');
    expect(await text('waiting')).toContain('Waiting for viewers');
    expect(await page.getByTestId('kpis').count()).toBe(0);
    await noteIs('live');
    const watch = `${server.url}/watch/${fresh.id}`;
    expect(await page.getByTestId('watch-link').inputValue()).toBe(watch);
    expect(await page.getByTestId('check-link').inputValue()).toBe(`${server.url}/check/${fresh.id}`);
    // The watch link as a QR code: a version-3+ symbol (29+ modules with the quiet zone) drawn as one path.
    const qr = page.getByTestId('watch-link-qr');
    expect(Number(await qr.getAttribute('data-size'))).toBeGreaterThanOrEqual(29);
    expect((await qr.locator('path').getAttribute('d'))?.length).toBeGreaterThan(1_000);
    for (const which of ['watch', 'check'] as const) {
      await page.getByTestId(`copy-${which}-link`).click();
      await page.waitForSelector(`[data-testid="copy-${which}-link"][data-status="copied"]`, SLOW);
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(
        await page.getByTestId(`${which}-link`).inputValue(),
      );
    }
    await setLook('en', 'light');
    await shot('phases-new-event-en-light');
    await setLook('ja', 'dark');
    await page.getByText('視聴者を待っています').waitFor();
    await shot('phases-new-event-ja-dark');
    await setLook('en', 'dark');

    crowds.push(await startCrowd(server.url, fresh.id, typicalCrowd(2)));
    await page.getByTestId('kpis').waitFor(SLOW);
    await textIs('viewers-watching', '2');
    expect(await page.getByTestId('idle').count()).toBe(0);
  });

  it('keeps the show on screen when the event is switched to Ended, and opens the “ended” bucket on request', async () => {
    const show = await server.createEvent({
      title: 'Kansoku 2026 product launch',
      phase: 'live',
      scheduledStart: new Date(Date.now() - 30 * 60_000).toISOString(),
    });
    crowds.push(await startCrowd(server.url, show.id, typicalCrowd(8)));
    // Created by another client: this page's event list learns of it on load (a co-host's link).
    await openAsHost(page, `${server.url}/?event=${show.id}`, 'kpis'); // logs in when this test runs alone
    await noteIs('live');
    await textIs('viewers-watching', '8');
    await textIs('viewers-peak', '8');
    await waitForExpression(
      page,
      'document.querySelectorAll(\'[data-testid="viewer-row"]\').length === 8',
      SLOW.timeout,
    );

    await switchEventPhase('ended');
    await noteIs('ended');
    await pressed('view-phase-live');
    await pressed('range-all');
    expect(await attr('view-phase-ended', 'aria-pressed')).toBe('false');
    expect(await text('view-note')).toContain('Ended');
    await textIs('viewers-peak', '8');
    expect(await text('kpi-watching-at')).toMatch(/^at \d\d:\d\d:\d\d$/);
    await waitForExpression(
      page,
      'Number(document.querySelector(\'[data-testid="chart-viewers"]\')?.dataset.points) > 0',
      SLOW.timeout,
    );
    await page.getByTestId('markers-still').waitFor();
    // The show's sessions ended with the phase; the table keeps them, marked.
    await waitForExpression(
      page,
      'document.querySelectorAll(\'[data-testid="viewer-row"][data-ending]\').length === 8',
      SLOW.timeout,
    );
    expect(await text('viewer-ending')).toMatch(/Phase changed \d\d:\d\d/);
    // Ended, and not failed: the phase change is an ending, counted apart from failures.
    await textIs('viewers-ended', '8');
    expect(await text('ending-phase-end')).toBe('Phase changed 8');
    expect(await text('failures-total')).toBe('Reports this phase: 0');
    expect(await page.getByTestId('connection-status').textContent()).not.toMatch(/No data/);
    await shot('phases-ended-en-dark');
    await setLook('ja', 'light');
    await page.getByText('終了済み').first().waitFor();
    await shot('phases-ended-ja-light');
    await setLook('en', 'dark');

    // The viewers still on the page are the "ended" bucket: live, and picked through the URL.
    await page.getByTestId('view-open-ended').click();
    await noteIs('live');
    await pressed('view-phase-ended');
    expect(new URL(page.url()).searchParams.get('phase')).toBe('ended');
    await textIs('viewers-watching', '8');
    await page.reload();
    await pressed('view-phase-ended');
    await textIs('viewers-watching', '8');

    await page.getByTestId('view-phase-live').click();
    await noteIs('ended');
    expect(new URL(page.url()).searchParams.get('phase')).toBeNull();

    await switchEventPhase('live');
    await noteIs('live');
    await pressed('view-phase-live');
    await pressed('range-15m');
    await textIs('viewers-watching', '8');
    await textIs('viewers-peak', '8');
  });
});
