/**
 * @module A variant of the dashboard page for the diagnostics beside the bench (frame-ab.ts, heap-growth.ts): a CSS
 * rule added to the page, or `JS:` and a script evaluated in it that returns what it changed (printed by the caller).
 */
import type { Page } from 'playwright-core';

/** Applies `change` (empty: none); returns the script's answer for a `JS:` variant, else null. */
export async function applyVariant(page: Page, change: string): Promise<string | null> {
  if (change.startsWith('JS:')) return String(await page.evaluate(change.slice(3)));
  if (change) await page.addStyleTag({ content: change });
  return null;
}
