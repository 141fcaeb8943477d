/**
 * The viewer table holds still under the pointer while live ticks and refreshes arrive (a row is clicked and its
 * viewer opens), and the charts' range — a preset, a drag across a chart, typed from/to — lives in the URL and comes
 * back on reload (issue 12). Headless Chromium against the built server and a simulated crowd.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KansokuEvent } from '../../shared/event.ts';
import { launchChromium, type Browser } from './support/chromium.ts';
import { openAsHost } from './support/host-page.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { startCrowd, typicalCrowd, type Crowd } from './support/viewer-driver.ts';
import { waitForExpression } from './support/wait-expression.ts';

let server: ServerProcess;
let browser: Browser;
let crowd: Crowd;
let event: KansokuEvent;
let page: Page;

beforeAll(async () => {
  server = await startServerProcess();
  event = await server.createEvent({ title: 'Table and range', phase: 'live' });
  crowd = await startCrowd(server.url, event.id, typicalCrowd(12));
  browser = await launchChromium({ locale: 'en-US' });
  page = await browser.context.newPage();
  // A desk-sized screen: the full table, not the wall's.
  await page.setViewportSize({ width: 1600, height: 1000 });
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

afterAll(async () => {
  crowd?.stop();
  await browser?.close();
  await server?.stop();
});

const param = (name: string) => new URL(page.url()).searchParams.get(name);
const rowAt = (i: number) => page.getByTestId('viewer-row').nth(i);

describe('viewer table under the pointer', () => {
  it('keeps each row in place while refreshes come in, and a click opens that viewer', async () => {
    await openAsHost(page, `${server.url}/?event=${event.id}`, 'kpis');
    await waitForExpression(page, 'document.querySelectorAll(\'[data-testid="viewer-row"]\').length >= 12');
    for (const i of [2, 7, 4]) {
      await rowAt(i).scrollIntoViewIfNeeded();
      await rowAt(i).hover();
      const id = await rowAt(i).getAttribute('data-session');
      await rowAt(i).evaluate((el) => el.setAttribute('data-pinned-by-test', '1'));
      // A refresh arrives while the pointer is on the table: the hint counts it, the row stays where it was.
      await page.getByTestId('table-held').waitFor();
      expect(await rowAt(i).getAttribute('data-session')).toBe(id);
      expect(await rowAt(i).getAttribute('data-pinned-by-test'), 'the same element, updated in place').toBe('1');
      await rowAt(i).click();
      await page.getByTestId('viewer-detail').waitFor();
      expect(await page.getByTestId('viewer-detail').getAttribute('aria-label')).toContain(id);
      await page.getByTestId('viewer-close').click();
    }
    await page.mouse.move(5, 5);
    await waitForExpression(page, '!document.querySelector(\'[data-testid="table-held"]\')');
    expect(await page.getByTestId('viewer-table').getAttribute('data-held')).toBe('false');
  });
});

describe('chart range in the URL', () => {
  it('keeps a preset across a reload', async () => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.getByTestId('range-60m').click();
    expect(param('range')).toBe('60m');
    await page.reload();
    await page.getByTestId('kpis').waitFor();
    expect(await page.getByTestId('range-60m').getAttribute('aria-pressed')).toBe('true');
  });

  it('zooms every chart by a drag, puts the range in the URL, and restores it on reload', async () => {
    await waitForExpression(
      page,
      'Number(document.querySelector(\'[data-testid="chart-viewers"]\')?.dataset.points) > 20',
    );
    const box = await page.getByTestId('chart-viewers').boundingBox();
    if (!box) throw new Error('no viewers chart');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.45, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, y, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('zoom-flag').waitFor();
    const from = Number(param('from'));
    const to = Number(param('to'));
    expect(to - from).toBeGreaterThanOrEqual(20_000);
    expect(await page.getByTestId('range-60m').getAttribute('aria-pressed')).toBe('false');
    await page.reload();
    await page.getByTestId('zoom-flag').waitFor();
    expect([Number(param('from')), Number(param('to'))]).toEqual([from, to]);
    expect(await page.getByTestId('range-from').inputValue()).not.toBe('');
  });

  it('takes a range typed in, and goes back to live', async () => {
    const to = Number(param('to'));
    const local = (ms: number) => {
      const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
      return d.toISOString().slice(0, 19);
    };
    await page.getByTestId('range-from').fill(local(to - 40_000));
    await page.getByTestId('range-from').dispatchEvent('change');
    await waitForExpression(
      page,
      `new URL(location.href).searchParams.get('from') === '${Math.floor((to - 40_000) / 1000) * 1000}'`,
    );
    await page.getByTestId('zoom-reset').click();
    expect(param('from')).toBeNull();
    expect(param('range')).toBe('60m');
    expect(await page.getByTestId('zoom-flag').count()).toBe(0);
    expect(await page.getByTestId('range-60m').getAttribute('aria-pressed')).toBe('true');
  });
});
