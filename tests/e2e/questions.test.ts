/**
 * Audience questions end to end, without WebRTC: the built server with Discord pointed at the local fake, the host
 * dashboard in headless Chromium, and the watch page in a second tab (its Sora signaling URL is unreachable, the
 * forms work anyway). A Discord message shows up as inert text within 1 s; the host marks it answered; a question
 * and a problem report from the watch page arrive with their badges; a report's snapshot opens with its charts.
 * Screenshots (dashboard en/ja, dark/light, snapshot, watch page en/ja) go to tests/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KansokuEvent } from '../../shared/event.ts';
import { VIEWER_NAMESPACE } from '../../shared/events.ts';
import { FAKE_USERS, startFakeDiscord, type FakeDiscord } from '../harness/fake-discord/fake-discord.ts';
import { launchChromium, type Browser, E2E_WAIT_MS } from './support/chromium.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { sampleFor, startCrowd, typicalCrowd, UA, type Crowd } from './support/viewer-driver.ts';
import { ensureHost, openAsHost } from './support/host-page.ts';
import { waitForExpression } from './support/wait-expression.ts';
import { withTestTicket } from '../helpers/clients.ts';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const HOSTILE = '<img src=x onerror="window.__pwned=1"><b>bold</b> — is the archive public?';

let fake: FakeDiscord;
let server: ServerProcess;
let browser: Browser;
let crowd: Crowd;
let event: KansokuEvent;
let host: Page;
let watchTab: Page | undefined;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  fake = await startFakeDiscord();
  server = await startServerProcess({ DISCORD_TOKEN: fake.options.token, DISCORD_API_URL: fake.apiUrl });
  event = await server.createEvent({
    title: 'Kansoku 2026 product launch',
    phase: 'live',
    discord: { guildId: fake.options.guildId, channelId: fake.options.channelId, registrationPattern: '^(参加|join)' },
    // Nothing answers here: the watch page cannot join, and its forms must work regardless.
    sora: {
      signalingUrls: ['wss://sora.invalid/signaling'],
      channelId: 'launch-2026',
      videoCodecType: 'AV1',
      metadata: null,
      minChromeVersion: 90,
    },
  });
  crowd = await startCrowd(server.url, event.id, typicalCrowd(6));
  browser = await launchChromium({ locale: 'en-US' });
  host = await browser.context.newPage();
  await host.emulateMedia({ colorScheme: 'dark' });
  host.on('pageerror', (e) => console.error('dashboard error:', e.message));
});

afterAll(async () => {
  crowd?.stop();
  await browser?.close();
  await server?.stop();
  await fake?.close();
});

const panel = () => host.getByTestId('panel-questions');
/** The dashboard, logged in: where every test after the login starts. */
const onDashboard = () => ensureHost(host, `${server.url}/`, 'kpis');
/** The watch page in its own tab (opened by the first test that needs it, kept for the next: same viewing session). */
async function watchPage(): Promise<Page> {
  if (watchTab && !watchTab.isClosed()) return watchTab;
  watchTab = await browser.context.newPage();
  watchTab.on('pageerror', (e) => console.error('watch page error:', e.message));
  await watchTab.goto(`${server.url}/watch/${event.id}?lang=en`);
  await watchTab.getByTestId('question-form').waitFor();
  return watchTab;
}
/** The question whose content contains `text`. */
const question = (text: string): Locator =>
  panel()
    .getByTestId('question')
    .filter({ has: host.getByTestId('question-content').filter({ hasText: text }) });
/**
 * One of the host's actions on a question, by keyboard: focus shows the action bar as hover does, and unlike a
 * pointer it does not depend on where the mouse was left when the list re-sorted or a screenshot scrolled the panel.
 */
async function act(item: Locator, action: 'question-answer' | 'question-pin' | 'question-hide'): Promise<void> {
  const button = item.getByTestId(action);
  await button.focus();
  await button.press('Enter');
}
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage });
}

describe('questions', () => {
  it('logs in and shows Discord connected in the questions panel', async () => {
    await openAsHost(host, server.url, 'kpis');
    await waitForExpression(
      host,
      'document.querySelector(\'[data-testid="discord-status"]\')?.dataset.state === "ready"',
    );
    expect(await panel().getByTestId('questions-empty').isVisible()).toBe(true);
  });

  it('shows a Discord message as it arrives, as literal text', async () => {
    await onDashboard();
    // Stamped by the page itself (same machine clock as this process), so polling adds nothing to the measure.
    await host.evaluate(`(() => {
      window.__seenAt = null;
      const seen = () => [...document.querySelectorAll('[data-testid="question-content"]')].some((e) => e.textContent.includes('is the archive public?'));
      new MutationObserver(() => { if (window.__seenAt === null && seen()) window.__seenAt = Date.now(); })
        .observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    const postedAt = Date.now();
    const posted = fake.postMessage({ content: HOSTILE, author: FAKE_USERS.bob });
    await waitForExpression(host, 'window.__seenAt !== null');
    const latency = ((await host.evaluate('window.__seenAt')) as number) - postedAt;
    // The latency goal (≤ 1 s) belongs to the bench; on a busy machine this only proves the message arrives by itself.
    console.log(`Discord message → questions panel: ${latency} ms`);
    expect(latency).toBeLessThan(E2E_WAIT_MS);

    const item = question('is the archive public?');
    expect(await item.getByTestId('question-content').textContent()).toBe(HOSTILE);
    expect(await item.getByTestId('question-content').evaluate((e) => e.childElementCount)).toBe(0);
    expect(await item.getByTestId('question-source').textContent()).toBe('Discord');
    expect(await item.getAttribute('data-id')).toBe(`discord-${posted.id}`);
    expect(await panel().locator('b, img[src="x"], [onerror], script').count()).toBe(0);
    // The only image is the author's default avatar from Discord's CDN, fetched without a referrer.
    const images = await item
      .locator('img')
      .evaluateAll((imgs) => imgs.map((i) => [i.getAttribute('src'), i.getAttribute('referrerpolicy')]));
    expect(images).toEqual([
      [expect.stringMatching(/^https:\/\/cdn\.discordapp\.com\/embed\/avatars\/\d\.png$/), 'no-referrer'],
    ]);
    expect(await host.evaluate('window.__pwned === undefined')).toBe(true);
  });

  it('counts registrations and votes, marks edits, and leaves a tombstone for a deleted message', async () => {
    await onDashboard();
    fake.postMessage({ content: '参加します！', author: FAKE_USERS.carol });
    const edited = fake.postMessage({ content: 'Which codec is the stream?', author: FAKE_USERS.alice });
    const long = fake.postMessage({
      content: '配信のアーカイブは後で見られますか？\n社内の勉強会で共有したいです。',
      author: FAKE_USERS.carol,
    });
    const gone = fake.postMessage({ content: 'oops, wrong channel', author: FAKE_USERS.bob });
    await question('Which codec').waitFor();
    fake.editMessage(edited.id, 'Which codec is the stream? AV1 or VP9?');
    fake.react(FAKE_USERS.bob.id, long.id, '👍');
    fake.react(FAKE_USERS.alice.id, long.id, '🔥');
    fake.deleteMessage(gone.id);
    await waitForExpression(
      host,
      'document.querySelector(\'[data-testid="questions-registered"]\')?.textContent === "Registered 1"',
    );
    await question('AV1 or VP9?').getByText('edited').waitFor();
    await waitForExpression(
      host,
      `document.querySelector('[data-id="discord-${long.id}"] [data-testid="question-votes"]')?.textContent === "▲ 2"`,
    );
    await panel().locator(`[data-id="discord-${gone.id}"] [data-testid="question-withdrawn"]`).waitFor();
    expect(await panel().getByText('参加します').count()).toBe(0); // a registration, not a question
  });

  it('marks a question answered, pins one, hides one and undoes', async () => {
    await onDashboard();
    const item = question('is the archive public?');
    await act(item, 'question-answer');
    await item.getByTestId('question-answered').waitFor();
    expect(await item.getByTestId('question-answered').textContent()).toContain('Answered');
    const stored = (await (await server.api(`/api/events/${event.id}/questions`)).json()) as {
      questions: Array<{ content: string; answered: boolean }>;
    };
    expect(stored.questions.find((q) => q.content === HOSTILE)?.answered).toBe(true);

    const pinned = question('アーカイブ');
    await act(pinned, 'question-pin');
    await waitForExpression(
      host,
      'document.querySelector(\'[data-testid="question"]\')?.textContent.includes("アーカイブ")',
    ); // on top

    const codec = question('AV1 or VP9?');
    await codec.hover();
    await panel().screenshot({ path: `${artifacts}questions-panel-hover-en-dark.png` });
    await act(codec, 'question-hide');
    await panel().getByTestId('questions-show-hidden').waitFor();
    expect(await panel().getByTestId('questions-show-hidden').textContent()).toContain('Show hidden (1)');
    expect(await question('AV1 or VP9?').count()).toBe(0);
    await panel().getByTestId('questions-undo').click();
    await question('AV1 or VP9?').waitFor();
    expect(await panel().getByTestId('questions-show-hidden').count()).toBe(0);
  });

  it('takes a question from the watch page, which works although the video cannot join', async () => {
    await onDashboard();
    const watch = await watchPage();
    await watch.getByTestId('question-name').fill('Mika <i>from</i> Osaka');
    await watch
      .getByTestId('question-text')
      .fill('Will the slides be shared after the talk?\nThe demo part especially.');
    await waitForExpression(watch, '!document.querySelector(\'[data-testid="question-send"]\').disabled');
    await watch.getByTestId('question-send').click();
    await waitForExpression(
      watch,
      'document.querySelector(\'[data-testid="question-status"]\')?.textContent.includes("Sent")',
    );
    expect(await watch.getByTestId('question-text').inputValue()).toBe('');

    const item = question('Will the slides be shared');
    await item.waitFor({ timeout: E2E_WAIT_MS });
    expect(await item.getByTestId('question-source').textContent()).toBe('Web');
    expect(await item.getAttribute('data-source')).toBe('web');
    expect(await item.textContent()).toContain('Mika <i>from</i> Osaka');
    expect(await item.getByTestId('question-content').textContent()).toBe(
      'Will the slides be shared after the talk?\nThe demo part especially.',
    );
  });

  it('says “please wait N s” when the viewer asks again too soon', async () => {
    await onDashboard();
    const watch = await watchPage();
    await watch.getByTestId('question-text').fill('And the recording?');
    expect(await watch.getByTestId('question-send').isDisabled()).toBe(true); // the page waits out the 10 s itself
    await shot(watch, 'watch-questions-en', true);
    // After a reload the page has forgotten, but the server has not (same viewing session).
    await watch.reload();
    await watch.getByTestId('question-text').fill('And the recording?');
    await waitForExpression(watch, '!document.querySelector(\'[data-testid="question-send"]\').disabled');
    await watch.getByTestId('question-send').click();
    await waitForExpression(
      watch,
      '/Please wait \\d+ s before sending another one\\./.test(document.querySelector(\'[data-testid="question-status"]\')?.textContent ?? "")',
    );
    expect(await watch.getByTestId('question-send').isDisabled()).toBe(true);
    expect(await watch.getByTestId('question-text').inputValue()).toBe('And the recording?');
    expect(await question('And the recording?').count()).toBe(0);
    await shot(watch, 'watch-rate-limited-en', true);
  });

  it('takes a problem report from the watch page and opens its snapshot', async () => {
    await onDashboard();
    const watch = await watchPage();
    await watch.getByTestId('report-open').click();
    await watch.getByTestId('report-text').fill('The picture never starts, only a spinner.');
    await shot(watch, 'watch-report-form-en', true);
    await watch.getByTestId('report-send').click();
    await waitForExpression(
      watch,
      'document.querySelector(\'[data-testid="report-status"]\')?.textContent.includes("Thank you")',
    );

    const item = question('The picture never starts');
    await item.waitFor({ timeout: E2E_WAIT_MS });
    expect(await item.getByTestId('question-source').textContent()).toBe('Report');
    await item.getByTestId('question-snapshot').click();
    const dialog = host.getByTestId('snapshot-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('snapshot-browser').textContent()).toMatch(/Chrom/);
    expect(await dialog.getByTestId('snapshot-browser').textContent()).toContain('1920 × 1080');
    expect(await dialog.getByTestId('snapshot-empty').isVisible()).toBe(true); // it never played: no samples
    await dialog.getByTestId('snapshot-close').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('charts the last 30 s of a report that carries samples', async () => {
    await onDashboard();
    const viewer = {
      sessionId: 'e2e-reporter-0001',
      ua: UA.chromeWin,
      codec: 'AV1' as const,
      kbps: 1800,
      height: 1080,
      lossPct: 2,
      wobble: 0.4,
    };
    const socket = io(`${server.url}${VIEWER_NAMESPACE}`, {
      auth: withTestTicket({ eventId: event.id, sessionId: viewer.sessionId }),
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const now = Date.now();
    const samples = Array.from({ length: 30 }, (_, i) => sampleFor(viewer, 100 + i, now - (29 - i) * 1000));
    const browserInfo = {
      userAgent: UA.chromeWin,
      language: 'ja-JP',
      screen: { width: 2560, height: 1440, pixelRatio: 1.5 },
    };
    const ack = await socket.timeout(5_000).emitWithAck('viewer:problem', {
      t: now,
      description: 'Video stutters every few seconds',
      samples,
      browser: browserInfo,
    });
    socket.disconnect();
    expect(ack).toEqual({ ok: true, data: null });

    const item = question('Video stutters');
    await item.waitFor({ timeout: E2E_WAIT_MS });
    await item.getByTestId('question-snapshot').click();
    for (const chart of ['snapshot-kbps', 'snapshot-lossPct', 'snapshot-fps', 'snapshot-jitterBufferMs']) {
      await waitForExpression(host, `Number(document.querySelector('[data-testid="${chart}"]')?.dataset.points) >= 20`);
    }
    expect(await host.getByTestId('snapshot-browser').textContent()).toContain('Windows');
    await shot(host, 'questions-snapshot-en-dark');
    await host.getByTestId('snapshot-close').click();
  });

  it('searches and sorts', async () => {
    await onDashboard();
    await panel().getByTestId('questions-search').fill('ＳＬＩＤＥＳ'); // full-width matches too
    await waitForExpression(
      host,
      'document.querySelectorAll(\'[data-testid="panel-questions"] [data-testid="question"]\').length === 1',
    );
    await panel().getByTestId('questions-search').fill('');
    await panel().getByTestId('questions-sort-votes').click();
    const first = await panel().getByTestId('question').first().textContent();
    expect(first).toContain('アーカイブ'); // pinned, and the most votes
    await panel().getByTestId('questions-sort-newest').click();
  });

  it('looks right in English and Japanese, dark and light', async () => {
    await onDashboard();
    const watch = await watchPage();
    await host.mouse.move(5, 5);
    await shot(host, 'questions-dashboard-en-dark');
    await panel().screenshot({ path: `${artifacts}questions-panel-en-dark.png` });
    await host.getByTestId('lang-ja').click();
    await panel().getByText('質問').first().waitFor();
    expect(await panel().getByTestId('questions-sort-unanswered').textContent()).toContain('未回答');
    await shot(host, 'questions-dashboard-ja-dark');
    await host.getByTestId('theme-toggle').click();
    await shot(host, 'questions-dashboard-ja-light');
    await panel().screenshot({ path: `${artifacts}questions-panel-ja-light.png` });
    await host.getByTestId('lang-en').click();
    await shot(host, 'questions-dashboard-en-light');
    await host.getByTestId('theme-toggle').click();

    await watch.goto(`${server.url}/watch/${event.id}?lang=ja`);
    await watch.getByTestId('question-form').waitFor();
    await watch.getByText('質問する').first().waitFor();
    await shot(watch, 'watch-questions-ja', true);
  });

  it('keeps up with hundreds of questions: a page of 12 rendered, more on scrolling to its end, one page back at its top, re-sorted and searched', async () => {
    await onDashboard();
    // Those so far (the withdrawn one included) + 300, 12 of them shown (PAGE_SIZE, questions-state.svelte.ts).
    const before = ((await (await server.api(`/api/events/${event.id}/questions`)).json()) as { questions: unknown[] })
      .questions.length;
    for (let i = 1; i <= 300; i += 1)
      fake.postMessage({
        content: `Bulk question ${i}: does the stream work on a slow train connection?`,
        author: i % 2 ? FAKE_USERS.carol : FAKE_USERS.bob,
      });
    await waitForExpression(
      host,
      `document.querySelector('[data-testid="questions-show-more"]')?.textContent.includes("(${before + 288} not shown)")`,
    );
    expect(await panel().getByTestId('question').count()).toBe(12);
    const ms = (await host.evaluate(`(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const times = [];
      for (const sort of ['unanswered', 'newest', 'votes', 'newest']) {
        const start = performance.now();
        document.querySelector('[data-testid="questions-sort-' + sort + '"]').click();
        await frame();
        times.push(performance.now() - start);
      }
      return Math.min(...times);
    })()`)) as number;
    console.log(`re-sorting 307 questions (12 rendered): ${ms.toFixed(1)} ms at best`); // a figure, not a pass mark
    expect(await panel().getByTestId('question').first().textContent()).toContain('アーカイブ'); // still pinned on top
    // Scrolled to the end of the list, the next page comes without a click.
    await panel().getByTestId('questions-show-more').scrollIntoViewIfNeeded();
    await waitForExpression(
      host,
      'document.querySelectorAll(\'[data-testid="panel-questions"] [data-testid="question"]\').length === 24',
    );
    // Back at the top of the list, one page again: each arriving question moves only that many items down.
    await host.evaluate(`document.querySelector('[data-testid="questions-list"]').scrollTo(0, 0)`);
    await waitForExpression(
      host,
      'document.querySelectorAll(\'[data-testid="panel-questions"] [data-testid="question"]\').length === 12',
    );
    await panel().getByTestId('questions-search').fill('Bulk question 123:');
    await waitForExpression(
      host,
      'document.querySelectorAll(\'[data-testid="panel-questions"] [data-testid="question"]\').length === 1',
    );
    await panel().getByTestId('questions-search').fill('');
  });

  it('shows Discord’s refusal with what to do about it (4014: MESSAGE CONTENT intent off)', async () => {
    const refusing = await startFakeDiscord({ messageContentEnabled: false });
    const other = await startServerProcess({ DISCORD_TOKEN: refusing.options.token, DISCORD_API_URL: refusing.apiUrl });
    try {
      await other.createEvent({
        title: 'Intent off',
        discord: {
          guildId: refusing.options.guildId,
          channelId: refusing.options.channelId,
          registrationPattern: null,
        },
      });
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: 'dark' });
      // The browser may hold a session cookie for 127.0.0.1 already: log in only if asked.
      await openAsHost(page, other.url, 'logout');
      await waitForExpression(
        page,
        'document.querySelector(\'[data-testid="discord-status"]\')?.dataset.state === "error"',
      );
      expect(await page.getByTestId('discord-problem').textContent()).toContain('4014');
      expect(await page.getByTestId('discord-advice').textContent()).toMatch(
        /^The bot is not allowed to read message text.*MESSAGE CONTENT INTENT/,
      );
      await page
        .getByTestId('panel-questions')
        .screenshot({ path: `${artifacts}questions-panel-discord-error-en-dark.png` });
      await page.getByTestId('lang-ja').click();
      expect(await page.getByTestId('discord-advice').textContent()).toMatch(
        /^ボットにメッセージ本文を読む権限がありません/,
      );
      await page
        .getByTestId('panel-questions')
        .screenshot({ path: `${artifacts}questions-panel-discord-error-ja-dark.png` });
      await page.getByTestId('lang-en').click();
      await page.close();
    } finally {
      await other.stop();
      await refusing.close();
    }
  });
});
