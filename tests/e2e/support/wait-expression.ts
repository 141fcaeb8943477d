/**
 * @module Waits until a JavaScript expression is truthy in a page. Playwright's `waitForFunction('…')` compiles a
 * string predicate inside the page, which our pages' Content-Security-Policy (no eval) refuses; `page.evaluate` of
 * a string goes through the DevTools protocol, which the policy does not govern. Polls every 100 ms until the deadline.
 */
import type { Page } from 'playwright-core';
import { E2E_WAIT_MS } from './chromium.ts';

const POLL_MS = 100;

export async function waitForExpression(page: Page, expression: string, timeoutMs = E2E_WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
