/**
 * @module A host page (dashboard or report) ready to test: logs in through the form when it shows, else rides the
 * session cookie. Each test of a file calls it first, so one that fails leaves the next a page to start from.
 */
import type { Page } from 'playwright-core';
import { E2E_WAIT_MS } from './chromium.ts';
import { E2E_HOST_TOKEN } from './server-process.ts';

/** Opens `url` and waits for `ready` (a test id), signing in on the way if the page asks. */
export async function openAsHost(page: Page, url: string, ready: string): Promise<void> {
  await page.goto(url);
  const form = page.getByTestId('login-form');
  const target = page.getByTestId(ready).first();
  await form.or(target).first().waitFor({ timeout: E2E_WAIT_MS });
  if (await form.isVisible()) {
    await page.getByTestId('login-secret').fill(E2E_HOST_TOKEN);
    await page.getByTestId('login-submit').click();
  }
  await target.waitFor({ timeout: E2E_WAIT_MS });
}

/** As `openAsHost`, unless the page already shows `ready` at `url` (the state an earlier test left is kept). */
export async function ensureHost(page: Page, url: string, ready: string): Promise<void> {
  const here = page.url().split(/[?#]/)[0] === url.split(/[?#]/)[0];
  if (here && (await page.getByTestId(ready).first().isVisible())) return;
  await openAsHost(page, url, ready);
}
