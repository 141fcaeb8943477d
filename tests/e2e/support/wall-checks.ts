/**
 * @module What a wall display must get right, checked in the page: an element within the viewport, no visible text
 * under a size, no label cut off by an ellipsis, and no English word left on the Japanese page (viewers' own data —
 * browser names, user agents, their questions and error messages, session ids, the event title — aside).
 */
import type { Page } from 'playwright-core';
import { latinWords, TECHNICAL_WORDS } from '../../helpers/technical-words.ts';

/** The first element with this test id lies fully within the viewport. */
export async function inViewport(page: Page, testid: string): Promise<boolean> {
  const box = await page.getByTestId(testid).first().boundingBox();
  const size = page.viewportSize();
  return (
    !!box &&
    !!size &&
    box.y >= 0 &&
    box.x >= 0 &&
    box.y + box.height <= size.height + 1 &&
    box.x + box.width <= size.width + 1
  );
}

/** Visible text (in the viewport) smaller than `minPx`, as "size tag.class “text”". */
export function smallText(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out = new Set<string>();
    for (const el of document.querySelectorAll('[data-testid="dashboard"] *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      const r = el.getBoundingClientRect();
      if (!own || r.width === 0 || r.bottom < 0 || r.top > innerHeight) continue;
      const size = Number.parseFloat(getComputedStyle(el).fontSize);
      if (size < min)
        out.add(`${size}px ${el.tagName}.${[...el.classList].join('.')} “${el.textContent?.trim().slice(0, 30)}”`);
    }
    return [...out];
  }, minPx);
}

/**
 * Labels shortened by an ellipsis: titles, KPI labels and notes, legends, table headers. Viewers' own text (failure
 * messages, browser strings, session ids, questions) may be shortened: it is whole in its tooltip or drawer.
 */
export function cutOffText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const own = '[data-testid="viewer-row"], [data-testid="failure-message"], [data-testid="question"], select, .msg';
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid="dashboard"] *')) {
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      if (style.textOverflow !== 'ellipsis' || r.width === 0 || r.bottom < 0 || r.top > innerHeight) continue;
      if (el.closest(own) || el.scrollWidth <= el.clientWidth + 1) continue;
      out.push(`${el.tagName}.${[...el.classList].join('.')} “${el.textContent?.trim().slice(0, 40)}”`);
    }
    return out;
  });
}

/** Data the viewers brought, or names that are the same in every language. */
const DATA = [
  '[data-testid="viewer-row"]',
  '[data-testid="failure-message"]',
  '[data-testid="question-content"]',
  '[data-testid="question"] .name',
  '[data-testid="question"] .avatar',
  '[data-testid="panel-failures"] .client',
  '[data-testid="panel-clients"] li',
  '[data-testid="panel-codecs"]',
  '[data-testid="upload-encoder"]',
  'select',
  '.mono',
].join(', ');
/** Operating systems, decoders and resolutions, as the browsers name them. */
const NAMES = new Set(['Windows', 'macOS', 'Linux', 'Android', 'iOS', 'Microsoft', 'dav1d', 'libvpx', 'FFmpeg']);

/** Latin words on the page outside viewers' data, names and units, with the text they appear in. */
export async function englishWords(page: Page): Promise<string[]> {
  const texts = await page.evaluate((skip) => {
    const out: string[] = [];
    const root = document.querySelector('[data-testid="dashboard"]');
    const walker = document.createTreeWalker(root ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest(skip) || !n.textContent?.trim() || parent.getClientRects().length === 0) continue;
      out.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll(
      '[data-testid="dashboard"] [title], [data-testid="dashboard"] [aria-label]',
    ))
      if (!el.closest(skip) && !el.matches('[data-testid="question"] .actions'))
        out.push(el.getAttribute('title') ?? '', el.getAttribute('aria-label') ?? '');
    return out;
  }, DATA);
  const words = new Set<string>();
  for (const text of texts)
    for (const w of latinWords(text.replace(/\d+p\b/g, '')))
      if (!TECHNICAL_WORDS.has(w) && !NAMES.has(w)) words.add(`${w} (${text.slice(0, 50)})`);
  return [...words];
}
