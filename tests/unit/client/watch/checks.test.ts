/** The pre-flight checks against a scripted browser environment. */
import { describe, expect, it } from 'vitest';
import {
  checkBrowser,
  checkCodec,
  checkE2ee,
  checkSignaling,
  checkWebrtc,
  isBlocking,
  runChecks,
  toPreflight,
  type PreflightEnv,
} from '../../../../client/src/watch/preflight/checks.ts';

const CHROME_156 =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

function env(over: Partial<PreflightEnv> = {}): PreflightEnv {
  return {
    userAgent: CHROME_156,
    brands: [],
    hasPeerConnection: true,
    hasTransceivers: true,
    receiverVideoCodecs: () => ['video/vp8', 'video/rtx', 'video/av1', 'video/av1'],
    hasScriptTransform: true,
    hasEncodedStreams: true,
    hasWebSocket: true,
    probeWebSocket: async () => 'open',
    probeAutoplay: async () => 'muted-only',
    ...over,
  };
}

describe('pre-flight checks', () => {
  it('browser: Chromium at or above the event minimum passes, below fails, others warn', () => {
    expect(checkBrowser(env(), 90)).toMatchObject({ status: 'pass', detail: 'Chrome 156 >= 90' });
    expect(checkBrowser(env({ userAgent: CHROME_156.replace('156.0', '80.0') }), 90)).toMatchObject({
      status: 'fail',
      note: 'browser-old',
      detail: 'Chrome 80 < 90',
    });
    expect(checkBrowser(env({ brands: [{ brand: 'Microsoft Edge', version: '120' }] }), 121).status).toBe('fail');
    expect(
      checkBrowser(env({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' }), 90),
    ).toMatchObject({ status: 'warn', note: 'browser-other' });
  });

  it('WebRTC and the event codec come from the real APIs, not the UA', () => {
    expect(checkWebrtc(env({ hasTransceivers: false })).status).toBe('fail');
    expect(checkCodec(env(), 'AV1')).toMatchObject({ status: 'pass', detail: 'video/av1 receivable' });
    expect(checkCodec(env({ receiverVideoCodecs: () => ['video/vp8', 'video/vp8'] }), 'AV1')).toMatchObject({
      status: 'fail',
      note: 'codec-missing',
      detail: 'video/av1 not in receiver capabilities (video/vp8)',
    });
    expect(checkCodec(env({ receiverVideoCodecs: () => null }), 'AV1').status).toBe('warn');
    expect(checkCodec(env({ hasPeerConnection: false }), 'VP9')).toMatchObject({
      status: 'fail',
      params: { codec: 'VP9' },
    });
  });

  it('E2EE only ever warns', () => {
    expect(checkE2ee(env({ hasScriptTransform: false })).detail).toBe('createEncodedStreams (insertable streams)');
    expect(checkE2ee(env({ hasScriptTransform: false, hasEncodedStreams: false })).status).toBe('warn');
  });

  it('signaling: all open passes, some warns, none fails, with per-host evidence', async () => {
    const urls = ['wss://a.example/signaling', 'wss://b.example/signaling'];
    const probe = (results: Record<string, 'open' | 'closed' | 'timeout'>) => async (url: string) =>
      results[new URL(url).host] ?? 'closed';
    expect((await checkSignaling(env(), urls)).status).toBe('pass');
    expect(
      await checkSignaling(env({ probeWebSocket: probe({ 'a.example': 'open', 'b.example': 'timeout' }) }), urls),
    ).toMatchObject({
      status: 'warn',
      detail: 'a.example: open, b.example: timeout',
      params: { open: 1, total: 2 },
    });
    expect(
      (
        await checkSignaling(
          env({
            probeWebSocket: async () => {
              throw new Error('x');
            },
          }),
          urls,
        )
      ).status,
    ).toBe('fail');
    expect((await checkSignaling(env({ hasWebSocket: false }), urls)).status).toBe('fail');
  });

  it('runs all six in order; only browser, WebRTC and codec failures block joining', async () => {
    const items = await runChecks(env({ probeWebSocket: async () => 'closed' }), {
      minChromeVersion: 90,
      videoCodecType: 'AV1',
      signalingUrls: ['wss://a/s'],
    });
    expect(items.map((i) => `${i.id}:${i.status}`)).toEqual([
      'browser:pass',
      'webrtc:pass',
      'av1:pass',
      'e2ee:pass',
      'signaling:fail',
      'autoplay:warn',
    ]);
    expect(isBlocking(items)).toBe(false);
    expect(isBlocking([{ ...items[2]!, status: 'fail' }])).toBe(true);
    const preflight = toPreflight(items, 5);
    expect(preflight.t).toBe(5);
    expect(preflight.items[0]).toEqual({ id: 'browser', status: 'pass', detail: 'Chrome 156 >= 90' });
  });
});
