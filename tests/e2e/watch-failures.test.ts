/**
 * Join failures that never get as far as watching, each asserted where the host reads it (`GET /failures`): an
 * unreachable signaling URL (reported by beacon, because the page's Kansoku socket is blocked too), several
 * unreachable URLs, a server that never sends the offer (the page's own join timeout), an unreachable ICE
 * candidate, and a browser without AV1 that fails the pre-flight check.
 * Runs inside a loopback-only network namespace (tests/loopback-only.sh).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreflightSummary } from '../../shared/beacon.ts';
import type { Tick } from '../../shared/tick.ts';
import { ARTIFACTS, startE2eEnv, type E2eEnv } from '../harness/fake-sora/e2e-env.ts';

let env: E2eEnv;

beforeAll(async () => {
  env = await startE2eEnv();
});
afterAll(async () => {
  await env?.close();
});

/** Removes AV1 from what the browser says it can receive, before any page script runs. */
const WITHOUT_AV1 = `(() => {
  const original = RTCRtpReceiver.getCapabilities.bind(RTCRtpReceiver);
  RTCRtpReceiver.getCapabilities = (kind) => {
    const caps = original(kind);
    return caps && kind === 'video' ? { ...caps, codecs: caps.codecs.filter((c) => c.mimeType.toLowerCase() !== 'video/av1') } : caps;
  };
})();`;

describe('watch page failures reach the host', () => {
  it('unreachable signaling URL: signaling-unreachable (1006), delivered by beacon while the socket is down', async () => {
    const event = await env.soraEvent('e2e-unreachable', {}, [await env.deadSignalingUrl()]);
    const { page } = await env.newPage();
    await page.routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
    const beacons: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/beacon')) beacons.push(r.postData() ?? '');
    });
    await page.goto(`${env.server.url}/watch/${event.id}?lang=en`);
    const failure = await env.waitForFailure(event.id, 'signaling-unreachable');
    expect(failure).toMatchObject({ code: 1006, title: 'ConnectError', stage: 'signaling' });
    expect(beacons.some((b) => b.includes('"signaling-unreachable"'))).toBe(true);
    // Neither Sora nor Kansoku answers: the advice points at the viewer's own connection, and Kansoku's note shows.
    await page.getByRole('status').getByText('Could not connect. Trying again in').waitFor();
    expect(await page.locator('[data-cause]').getAttribute('data-cause')).toMatch(/^(internet|offline)$/);
    await page.locator('[data-link="unreachable"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'watch-unreachable-both.png'), fullPage: true });
    await page.close();
  });

  it('every signaling URL unreachable: all-candidates-failed', async () => {
    const event = await env.soraEvent('e2e-all-dead', {}, [await env.deadSignalingUrl(), await env.deadSignalingUrl()]);
    const { page } = await env.newPage();
    await page.goto(`${env.server.url}/watch/${event.id}?lang=en`);
    expect(await env.waitForFailure(event.id, 'all-candidates-failed')).toMatchObject({ stage: 'signaling' });
    // Kansoku answers but Sora does not: the streaming server, possibly down for everyone, not the viewer's network.
    await page.getByRole('status').getByText('Could not connect. Trying again in').waitFor();
    expect(await page.locator('[data-cause]').getAttribute('data-cause')).toBe('streaming-server');
    await page.screenshot({ path: join(ARTIFACTS, 'watch-sora-unreachable.png'), fullPage: true });
    await page.close();
  });

  it('offer never sent: join-timeout from the page’s own watchdog (?joinTimeout=)', async () => {
    const event = await env.soraEvent('e2e-no-offer', { noOffer: true });
    const { page } = await env.newPage();
    await page.goto(`${env.server.url}/watch/${event.id}?joinTimeout=3000&lang=en`);
    const failure = await env.waitForFailure(event.id, 'join-timeout');
    expect(failure).toMatchObject({ title: 'JOIN-TIMEOUT', message: 'no offer within 3 s', stage: 'signaling' });
    await page.locator('[data-cause]').waitFor();
    expect(await page.locator('[data-cause]').getAttribute('data-cause')).toBe('streaming-server');
    await page.screenshot({ path: join(ARTIFACTS, 'watch-join-timeout.png'), fullPage: true });
    await page.close();
  });

  it('unreachable ICE candidate: ice-failed after the offer', async () => {
    const event = await env.soraEvent('e2e-bad-ice', { unreachableIce: true });
    const { page } = await env.newPage();
    await page.goto(`${env.server.url}/watch/${event.id}?joinTimeout=5000`);
    const failure = await env.waitForFailure(event.id, 'ice-failed', 30_000);
    expect(failure.stage).toBe('offer');
    expect(failure.message).toMatch(/ICE|ice=/);
    await page.close();
  });

  it('a browser without AV1 fails the pre-flight: codec-unsupported, kept per session', async () => {
    const event = await env.soraEvent('e2e-no-av1');
    const { page } = await env.newPage();
    await page.addInitScript(WITHOUT_AV1);
    await page.goto(`${env.server.url}/watch/${event.id}?lang=en`);
    await page.getByRole('button', { name: 'Try anyway' }).waitFor();
    const failure = await env.waitForFailure(event.id, 'codec-unsupported');
    expect(failure).toMatchObject({ stage: 'preflight', title: 'preflight:av1' });
    expect(failure.message).toContain('video/av1 not in receiver capabilities');
    const summary = (await (await env.server.api(`/api/events/${event.id}/preflight`)).json()) as PreflightSummary;
    expect(summary.sessions).toBe(1);
    expect(summary.items.av1).toEqual({ pass: 0, warn: 0, fail: 1 });
    expect(summary.failing[0]?.sessionId).toBe(failure.sessionId);
    const tick = (await (await env.server.api(`/api/events/${event.id}/live`)).json()) as Tick;
    expect(tick.funnel.signaling).toBe(0); // it never tried to join
    expect(env.sora.connections.some((c) => c.channelId === 'e2e-no-av1')).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'preflight-failed.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.getByRole('button', { name: 'Try anyway' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'preflight-failed-dark.png'), fullPage: true });
    await page.close();
  });

  it('the standalone check page runs the same checks without joining', async () => {
    const event = await env.soraEvent('e2e-check');
    const { page } = await env.newPage();
    await page.addInitScript(WITHOUT_AV1);
    await page.goto(`${env.server.url}/check/${event.id}?lang=ja`);
    await page.getByText('問題が見つかりました').waitFor(); // a failed check is never "complete" in green
    expect(await page.locator('.verdict').getAttribute('data-tone')).toBe('bad');
    expect(await page.locator('[data-check="av1"]').getAttribute('data-status')).toBe('fail');
    expect(await page.locator('[data-check="browser"]').getAttribute('data-status')).toBe('pass');
    await env.waitForFailure(event.id, 'codec-unsupported');
    await page.screenshot({ path: join(ARTIFACTS, 'check-page-ja.png'), fullPage: true });
    // The page follows the system's dark setting with the dashboard's colour tokens.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${env.server.url}/check/${event.id}?lang=en`);
    await page.getByText('Check failed').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.screenshot({ path: join(ARTIFACTS, 'check-page-dark.png'), fullPage: true });
    await page.close();
  });
});
