/**
 * The post-event report in headless Chromium against the built server, on an event written by the seed script
 * (`npm run seed-event`): the score and a breakdown row match the API's report, the sessions count, a drag across
 * the viewers chart (or a typed range) puts the zoomed range in the URL (kept on reload), a failed session shows its
 * failure evidence, and a share link opens the same report without a login. Screenshots (en dark, ja light, print
 * preview) go to tests/artifacts/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatScore } from '../../client/src/host/report/report-format.ts';
import type { EventReport } from '../../shared/event-report.ts';
import { E2E_WAIT_MS, launchChromium, type Browser } from './support/chromium.ts';
import { ensureHost } from './support/host-page.ts';
import { E2E_HOST_TOKEN, startServerProcess, type ServerProcess } from './support/server-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const WAIT = { timeout: E2E_WAIT_MS };
let server: ServerProcess;
let browser: Browser;
let page: Page;
let eventId: string;
let report: EventReport;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'kansoku-e2e-report-'));
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'server/seed/main.ts', '--viewers', '120', '--minutes', '20'],
    {
      cwd: root,
      env: { ...process.env, KANSOKU_DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  eventId = out.trim().split('\n').at(-1) ?? '';
  server = await startServerProcess({}, dataDir);
  const res = await server.api(`/api/events/${eventId}/report`);
  expect(res.status).toBe(200);
  report = (await res.json()) as EventReport;
  browser = await launchChromium({ locale: 'en-US' });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  page.on('pageerror', (e) => console.error('page error:', e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const text = async (testid: string) => ((await page.getByTestId(testid).first().textContent()) ?? '').trim();
const query = () => new URL(page.url()).searchParams;
/** The report page, logged in: where every test after the first starts. */
const onReport = () => ensureHost(page, `${server.url}/report/${eventId}`, 'report-score');

async function shot(name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${artifacts}${name}.png` });
}

describe('the report page', () => {
  it('shows the score, breakdowns and every session of a seeded event after the login', async () => {
    expect(report.summary.sessions).toBe(120);
    await page.goto(`${server.url}/report/${eventId}`);
    await page.getByTestId('login-secret').fill(E2E_HOST_TOKEN);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('report-score').waitFor(WAIT);
    expect(await text('report-score')).toBe(formatScore(report.summary.score.score, 'en-US'));
    expect(await text('report-title')).toBe(report.title);
    const top = [...report.breakdowns.browser].sort((a, b) => b.viewerMinutes - a.viewerMinutes)[0];
    const firstRow = page.getByTestId('breakdown-browser').getByTestId('breakdown-row').first();
    expect(await firstRow.locator('td').first().textContent()).toBe(top?.key);
    expect(await page.getByTestId('breakdown-browser').getByTestId('breakdown-row').count()).toBe(
      report.breakdowns.browser.length,
    );
    expect(await text('sessions-count')).toBe('120 of 120');
    await page.getByTestId('sessions-filter').fill('zzz-no-such-session');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="sessions-count"]')?.textContent?.trim() === '0 of 120',
      null,
      WAIT,
    );
    await page.getByTestId('sessions-filter').fill('');
    await shot('report-en-dark');
    await page.screenshot({ path: `${artifacts}report-en-dark-full.png`, fullPage: true });
  });

  it('zooms with a drag across the viewers chart and keeps the range in the URL', async () => {
    await onReport();
    const canvas = page.getByTestId('chart-viewers');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no viewers chart');
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('from'), null, WAIT);
    const from = Number(query().get('from'));
    const to = Number(query().get('to'));
    const { from: start, to: end } = report.summary as { from: number; to: number };
    expect(from).toBeGreaterThan(start);
    expect(to).toBeLessThan(end);
    expect(to - from).toBeLessThan((end - start) * 0.4);
    await page.reload();
    await page.getByTestId('report-score').waitFor(WAIT);
    expect(await page.getByTestId('zoom-reset').isEnabled()).toBe(true);
    expect(Number(query().get('from'))).toBe(from);
    await page.getByTestId('zoom-reset').click();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('from'), null, WAIT);

    // The same range typed in: ten minutes from the phase's start, to the second.
    const local = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    const typedFrom = Math.ceil(start / 1000) * 1000 + 60_000;
    await page.getByTestId('range-to').fill(local(typedFrom + 600_000));
    await page.getByTestId('range-from').fill(local(typedFrom));
    await page.waitForFunction((f) => new URL(location.href).searchParams.get('from') === String(f), typedFrom, WAIT);
    expect(Number(query().get('to'))).toBe(typedFrom + 600_000);
    await page.getByTestId('zoom-reset').click();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('from'), null, WAIT);
  });

  it('opens a failed session with its failure evidence and the fix', async () => {
    await onReport();
    await page.getByTestId('sessions-failed-only').check();
    await page.locator('[data-testid="session-row"].failed').first().click();
    const evidence = page.getByTestId('session-failures');
    await evidence.waitFor(WAIT);
    expect(await evidence.locator('li').count()).toBeGreaterThan(0);
    expect(await evidence.locator('li').first().textContent()).toContain('Fix:');
    await page.getByTestId('session-close').click();
    await page.getByTestId('sessions-failed-only').uncheck();
  });

  it('creates a share link that opens the report without a login', async () => {
    await onReport();
    await page.getByTestId('share-create').click();
    const link = page.getByTestId('share-link');
    await link.waitFor(WAIT);
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/share/`));
    await page.getByTestId('lang-ja').click();
    if ((await page.evaluate('document.documentElement.dataset.theme')) !== 'light')
      await page.getByTestId('theme-toggle').click();
    await page.getByText('イベント体験スコア').first().waitFor(WAIT);
    await shot('report-ja-light');
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await shot('report-print');
    await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
    await page.getByTestId('lang-en').click();

    await browser.context.clearCookies();
    await page.goto(url);
    await page.getByTestId('report-score').waitFor(WAIT);
    expect(await page.getByTestId('login-secret').count()).toBe(0);
    expect(await text('report-score')).toBe(formatScore(report.summary.score.score, 'en-US'));
    expect(await page.getByTestId('share-create').count()).toBe(0);
    expect(await text('sessions-count')).toBe('120 of 120');
  });
});
