/**
 * The watch page with the real sora-js-sdk in headless Chromium against the fake Sora: a viewer with a valid token
 * gets in and watches AV1; a viewer without one is refused by Kansoku's own auth webhook; the server ending the
 * connection normally (1000) reaches the host as the ending `shutdown` (never a failure), abnormally (4999) as the
 * failure `dropped`.
 * Runs inside a loopback-only network namespace (tests/loopback-only.sh).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SoraSideSummary, ViewerTokenInfo } from '../../shared/sora-webhook.ts';
import type { Tick } from '../../shared/tick.ts';
import { ARTIFACTS, poll, startE2eEnv, type E2eEnv } from '../harness/fake-sora/e2e-env.ts';

let env: E2eEnv;

beforeAll(async () => {
  env = await startE2eEnv();
});
afterAll(async () => {
  await env?.close();
});

const live = async (eventId: string): Promise<Tick> =>
  (await (await env.server.api(`/api/events/${eventId}/live`)).json()) as Tick;

describe('watch page joins through the fake Sora', () => {
  it('plays AV1 for a viewer with a valid token; the host sees watching, AV1, TTFF and Sora’s count', async () => {
    const event = await env.soraEvent('e2e-ok', { auth: true });
    const tokenInfo = (await (await env.server.api(`/api/events/${event.id}/viewer-token`)).json()) as ViewerTokenInfo;
    const { page, log } = await env.newPage();
    await page.goto(`${env.server.url}${tokenInfo.watchPath}&lang=en`);

    await page
      .getByText('Watching', { exact: true })
      .waitFor({ timeout: 30_000 })
      .catch((e: Error) => {
        throw new Error(`${e.message}\n${log.join('\n')}`);
      });
    const tick = await poll(
      async () => {
        const t = await live(event.id);
        return t.viewers.watching === 1 && t.ttffMs !== null && t.viewers.sfu === 1 ? t : undefined;
      },
      20_000,
      'a tick with one watching viewer, TTFF and the SFU count',
    );
    expect(tick.codecs).toEqual({ AV1: 1 });
    expect(tick.funnel).toMatchObject({
      page: 1,
      preflight: 1,
      signaling: 1,
      offer: 1,
      connected: 1,
      'first-frame': 1,
      playing: 1,
    });
    expect(tick.ttffMs?.p50).toBeGreaterThan(0);
    expect(tick.viewers.sfuGap).toBe(0);
    expect(tick.failures).toEqual({});

    // The sender starts small and ramps up with the bandwidth estimate; any decoded size proves frames arrive.
    const video = (await page.evaluate(
      '(() => { const v = document.querySelector("video"); return { w: v.videoWidth, t: v.currentTime }; })()',
    )) as { w: number; t: number };
    expect(video.w).toBeGreaterThan(0);
    expect(video.t).toBeGreaterThan(0);
    const sora = (await (await env.server.api(`/api/events/${event.id}/sora`)).json()) as SoraSideSummary;
    expect(sora.auth).toMatchObject({ attempts: 1, allowed: 1, denied: 0 });
    expect(sora.webhooks.created).toBe(1);
    await poll(
      async () => (env.sora.connections.find((c) => c.channelId === 'e2e-ok')?.pongs ? true : undefined),
      10_000,
      'a pong',
    );

    await page.waitForTimeout(500); // let a few frames paint for the screenshot
    await page.screenshot({ path: join(ARTIFACTS, 'watch-playing.png') });
    await page.close();
  });

  it('refuses a viewer without a token through Kansoku’s auth webhook: signaling-rejected with code and reason', async () => {
    const event = await env.soraEvent('e2e-auth', { auth: true });
    const { page } = await env.newPage();
    await page.goto(`${env.server.url}/watch/${event.id}?lang=en`);
    const failure = await env.waitForFailure(event.id, 'signaling-rejected');
    expect(failure).toMatchObject({
      code: 4001,
      reason: 'viewer token missing',
      title: 'ConnectError',
      stage: 'signaling',
    });
    await page.getByText('The streaming server refused the connection').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'watch-rejected.png') });
    const sora = (await (await env.server.api(`/api/events/${event.id}/sora`)).json()) as SoraSideSummary;
    expect(sora.auth).toEqual({ attempts: 1, allowed: 0, denied: 1, deniedReasons: { 'viewer token missing': 1 } });
    await page.close();
  });

  it('reports a plain 4xxx refusal from Sora with its reason', async () => {
    const event = await env.soraEvent('e2e-reject', { reject: { code: 4003, reason: 'CHANNEL-FULL' } });
    const { page } = await env.newPage();
    await page.goto(`${env.server.url}/watch/${event.id}`);
    expect(await env.waitForFailure(event.id, 'signaling-rejected')).toMatchObject({
      code: 4003,
      reason: 'CHANNEL-FULL',
    });
    await page.close();
  });

  it('server closes with 1000: an ending, not a failure; no automatic reconnect', async () => {
    const event = await env.soraEvent('e2e-shutdown', { closeAfter: { ms: 2_500, code: 1000 } });
    const { page } = await env.newPage();
    await page.goto(`${env.server.url}/watch/${event.id}?lang=en`);
    const ended = await poll(
      async () => {
        const tick = await live(event.id);
        return tick.endings.shutdown === 1 ? tick : undefined;
      },
      30_000,
      'the shutdown ending',
    );
    expect(ended.failures).toEqual({});
    expect(ended.viewers.total).toBe(0);
    await page.getByText('The broadcast was closed by the server', { exact: true }).first().waitFor();
    const failures = (await (await env.server.api(`/api/events/${event.id}/failures`)).json()) as unknown[];
    expect(failures).toEqual([]);
    expect(env.sora.connections.filter((c) => c.channelId === 'e2e-shutdown')).toHaveLength(1);
    await page.close();
  });

  it('server closes with 4999: dropped, then the page reconnects and watches again', async () => {
    const event = await env.soraEvent('e2e-dropped', {
      closeAfter: { ms: 2_500, code: 4999, reason: 'bye', once: true },
    });
    const { page } = await env.newPage();
    await page.goto(`${env.server.url}/watch/${event.id}?lang=en`);
    const failure = await env.waitForFailure(event.id, 'dropped', 30_000);
    expect(failure).toMatchObject({ title: 'WEBSOCKET-ONCLOSE', code: 4999, reason: 'bye' });
    await poll(
      async () =>
        env.sora.connections.filter((c) => c.channelId === 'e2e-dropped' && c.state === 'connected').length === 1
          ? true
          : undefined,
      20_000,
      'a second connection',
    );
    await page.getByText('Watching', { exact: true }).waitFor({ timeout: 20_000 });
    await poll(
      async () => ((await live(event.id)).viewers.watching === 1 ? true : undefined),
      20_000,
      'watching again',
    );
    await page.close();
  });
});
