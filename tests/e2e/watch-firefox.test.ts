/**
 * The real watch page in real Firefox (Debian's firefox-esr through puppeteer-core over WebDriver BiDi) against the
 * fake Sora and its Chromium publisher: the Firefox viewer plays AV1, its telemetry socket gets through (Firefox
 * offers plain permessage-deflate), and the host sees it watching with the numbers of Firefox's own getStats.
 * Runs inside a loopback-only network namespace (tests/loopback-only.sh).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerTokenInfo } from '../../shared/sora-webhook.ts';
import type { Tick } from '../../shared/tick.ts';
import type { ViewerSummary } from '../../shared/viewer.ts';
import { ARTIFACTS, poll, startE2eEnv, type E2eEnv } from '../harness/fake-sora/e2e-env.ts';
import { E2E_WAIT_MS } from './support/chromium.ts';
import { launchFirefox, type Firefox } from './support/firefox.ts';

let env: E2eEnv;
let firefox: Firefox;

beforeAll(async () => {
  env = await startE2eEnv();
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
  await env?.close();
});

/**
 * Keeps every RTCPeerConnection the page makes (the page itself is unchanged), so the test can ask Firefox's getStats.
 */
const RECORD_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  const made = [];
  window.__kansokuPeerConnections = made;
  window.RTCPeerConnection = class extends Native { constructor(...args) { super(...args); made.push(this); } };
})()`;

/** Firefox's own view of the received video: the last connected peer connection's video inbound-rtp and codec. */
const FIREFOX_VIDEO_STATS = `(async () => {
  const pc = window.__kansokuPeerConnections.filter((p) => p.connectionState === 'connected').at(-1);
  if (!pc) return null;
  const all = [...(await pc.getStats()).values()];
  const video = all.find((s) => s.type === 'inbound-rtp' && s.kind === 'video');
  const codec = all.find((s) => s.id === video?.codecId);
  return video ? { mimeType: codec?.mimeType ?? null, frameHeight: video.frameHeight ?? null, bytesReceived: video.bytesReceived, framesDecoded: video.framesDecoded ?? 0 } : null;
})()`;
type FirefoxVideo = {
  mimeType: string | null;
  frameHeight: number | null;
  bytesReceived: number;
  framesDecoded: number;
};

const WATCHING = `[...document.querySelectorAll('[role=status]')].some((e) => e.textContent.trim() === 'Watching')`;

const getJson = async <T>(path: string): Promise<T> => (await (await env.server.api(path)).json()) as T;

describe('watch page in Firefox', () => {
  it('plays AV1 and the host sees a watching Firefox viewer with Firefox’s getStats numbers', async () => {
    const event = await env.soraEvent('e2e-firefox', { auth: true });
    const tokenInfo = await getJson<ViewerTokenInfo>(`/api/events/${event.id}/viewer-token`);
    const { page, log } = await firefox.newPage();
    await page.evaluateOnNewDocument(RECORD_PEER_CONNECTIONS);
    await page.goto(`${env.server.url}${tokenInfo.watchPath}&lang=en`);
    await page.waitForFunction(WATCHING, { timeout: E2E_WAIT_MS }).catch((e: Error) => {
      throw new Error(`${e.message}\n${log.join('\n')}`);
    });

    // The host's REST view: a Firefox viewer, watching, with a bitrate; its height and codec are the ones Firefox's
    // getStats reports (the sender ramps up, so wait until both sides agree on one reading).
    let seen: ViewerSummary[] = [];
    const { viewer, own } = await poll(
      async () => {
        seen = await getJson<ViewerSummary[]>(`/api/events/${event.id}/viewers`);
        const own = (await page.evaluate(FIREFOX_VIDEO_STATS)) as FirefoxVideo | null;
        const viewer = seen.find((v) => v.browser === 'Firefox' && v.state === 'watching' && (v.kbps ?? 0) > 0);
        return viewer && own && own.framesDecoded > 0 && viewer.height === own.frameHeight
          ? { viewer, own }
          : undefined;
      },
      E2E_WAIT_MS,
      'a watching Firefox viewer whose height matches Firefox’s getStats',
    ).catch((e: Error) => {
      throw new Error(`${e.message}; viewers: ${JSON.stringify(seen)}\n${log.join('\n')}`);
    });
    expect(seen).toHaveLength(1);
    expect(own.mimeType).toBe('video/AV1');
    expect(viewer).toMatchObject({
      browser: 'Firefox',
      state: 'watching',
      connected: true,
      codec: 'AV1',
      failure: null,
    });
    expect(Number(viewer.browserVersion)).toBeGreaterThanOrEqual(115);
    expect(viewer.kbps).toBeGreaterThan(0);
    expect(viewer.fps).toBeGreaterThan(0);
    expect(viewer.height).toBeGreaterThan(0);

    // The /live tick counts it as watching, as a Firefox AV1 viewer.
    const tick = await poll(
      async () => {
        const t = await getJson<Tick>(`/api/events/${event.id}/live`);
        return t.viewers.watching === 1 ? t : undefined;
      },
      E2E_WAIT_MS,
      'a tick with one watching viewer',
    );
    expect(tick.browsers).toEqual({ Firefox: 1 });
    expect(tick.codecs).toEqual({ AV1: 1 });
    expect(tick.failures).toEqual({});
    expect(tick.bitrateKbps?.p50).toBeGreaterThan(0);

    const video = (await page.evaluate(
      '(() => { const v = document.querySelector("video"); return { w: v.videoWidth, t: v.currentTime }; })()',
    )) as { w: number; t: number };
    expect(video.w).toBeGreaterThan(0);
    expect(video.t).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'watch-firefox.png') });
    await page.close();
  });
});
