/**
 * The first-event form in headless Chromium against the built server (issue 12): a server with no events opens on
 * it; it offers the Sora settings (signaling URL, channel, codec defaulting to AV1, signaling metadata as JSON) and
 * the Discord guild and channel ids, checks them in the host's language before sending, and creating the event stores
 * all of them (the REST answer and a later read). Screenshots (en light, ja dark, the metadata error) go to
 * tests/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KansokuEvent } from '../../shared/event.ts';
import { launchChromium, type Browser } from './support/chromium.ts';
import { openAsHost } from './support/host-page.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
let server: ServerProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServerProcess();
  browser = await launchChromium({ locale: 'en-US' });
  page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme: 'light' });
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function setLook(lang: 'en' | 'ja', theme: 'dark' | 'light'): Promise<void> {
  await page.getByTestId(`lang-${lang}`).click();
  if ((await page.evaluate('document.documentElement.dataset.theme')) !== theme)
    await page.getByTestId('theme-toggle').click();
  await page.waitForFunction(
    ([l, t]) => document.documentElement.lang === l && document.documentElement.dataset.theme === t,
    [lang, theme] as const,
  );
}

const field = (id: string) => page.getByTestId(`new-event-${id}`);

describe('first-event form', () => {
  it('offers codec (AV1 by default), signaling metadata and Discord ids, and says what is wrong in the host’s language', async () => {
    await openAsHost(page, `${server.url}/`, 'new-event-form');
    expect(await field('codec').inputValue()).toBe('AV1');
    expect(await field('codec').locator('option').allTextContents()).toEqual(['AV1', 'VP9', 'H.264', 'VP8']);
    await setLook('en', 'light');
    await field('title').fill('Shiguredo developer chat');
    await field('signaling').fill('wss://sora.example.com/signaling');
    await field('channel').fill('devchat');
    await field('codec').selectOption('VP9');
    await field('metadata').fill('{ "access_token": "devchat-2026" ');
    await field('discord-guild').fill('123456789012345678');
    await field('discord-channel').fill('876543210987654321');
    await page.screenshot({ path: `${artifacts}first-event-en-light.png` });

    await field('submit').click();
    expect(await field('problem').textContent()).toContain('not valid JSON');
    expect(await field('metadata').getAttribute('aria-invalid')).toBe('true');
    await setLook('ja', 'dark');
    expect(await field('problem').textContent()).toContain('JSON として正しくありません');
    await page.screenshot({ path: `${artifacts}first-event-ja-dark-error.png` });
    const events = (await (await server.api('/api/events')).json()) as KansokuEvent[];
    expect(events).toEqual([]); // nothing was sent
  });

  it('creates the event with all of them stored', async () => {
    await field('metadata').fill('{ "access_token": "devchat-2026", "spotlight": { "number": 2 } }');
    await page.screenshot({ path: `${artifacts}first-event-ja-dark.png` });
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/events') && r.request().method() === 'POST');
    await field('submit').click();
    const response = await answer;
    expect(response.status()).toBe(201);
    const created = (await response.json()) as KansokuEvent;
    const expected = {
      title: 'Shiguredo developer chat',
      sora: {
        signalingUrls: ['wss://sora.example.com/signaling'],
        channelId: 'devchat',
        videoCodecType: 'VP9',
        metadata: { access_token: 'devchat-2026', spotlight: { number: 2 } },
      },
      discord: { guildId: '123456789012345678', channelId: '876543210987654321' },
    };
    expect(created).toMatchObject(expected);
    const stored = (await (await server.api(`/api/events/${created.id}`)).json()) as KansokuEvent;
    expect(stored).toMatchObject(expected);
    // The dashboard moves on to the new event (its links to hand out, until the first viewer).
    await page.waitForURL(new RegExp(`event=${created.id}`));
  });
});
