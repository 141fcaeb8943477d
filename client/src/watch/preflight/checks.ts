/**
 * @module The pre-flight checks (pure; the browser is reached only through `PreflightEnv`). Each item passes, warns
 * or fails with English evidence (`detail`, sent to the server) and a note key the page shows in ja/en.
 */
import type { Preflight } from '../../../../shared/funnel.ts';
import type { PublicEvent } from '../../../../shared/sora-webhook.ts';
import { identifyBrowser, type Brand } from './browser-version.ts';

export type PreflightItemId = Preflight['items'][number]['id'];
export type CheckStatus = 'pass' | 'warn' | 'fail';
export type ProbeResult = 'open' | 'closed' | 'timeout';
export type AutoplayResult = 'allowed' | 'muted-only' | 'unknown';

export type PreflightEnv = {
  userAgent: string;
  brands: readonly Brand[];
  hasPeerConnection: boolean;
  hasTransceivers: boolean;
  /** Lower-case mime types from `RTCRtpReceiver.getCapabilities('video')`; null when that API is missing. */
  receiverVideoCodecs(): string[] | null;
  hasScriptTransform: boolean;
  hasEncodedStreams: boolean;
  hasWebSocket: boolean;
  probeWebSocket(url: string, timeoutMs: number): Promise<ProbeResult>;
  probeAutoplay(): Promise<AutoplayResult>;
};

export type CheckItem = {
  id: PreflightItemId;
  status: CheckStatus;
  /** Evidence for the host, in English. */
  detail: string;
  /** Key of the viewer-facing text (`check.<note>` and `advice.<note>` in the messages). */
  note: string;
  params: Record<string, string | number>;
};

export type CheckTarget = Pick<PublicEvent, 'minChromeVersion'> & {
  videoCodecType: string;
  signalingUrls: readonly string[];
};

export const PROBE_TIMEOUT_MS = 5_000;

const item = (
  id: PreflightItemId,
  status: CheckStatus,
  note: string,
  detail: string,
  params: CheckItem['params'] = {},
): CheckItem => ({
  id,
  status,
  note,
  detail,
  params,
});

export function checkBrowser(env: PreflightEnv, minChrome: number): CheckItem {
  const b = identifyBrowser(env.userAgent, env.brands);
  const params = { browser: b.name, version: b.major ?? '?', min: minChrome };
  const label = `${b.name} ${b.major ?? '?'}`;
  if (b.family !== 'chromium')
    return item('browser', 'warn', 'browser-other', `${label}: not Chrome/Edge (minimum Chrome ${minChrome})`, params);
  if (b.major === null) return item('browser', 'warn', 'browser-unknown-version', `${label}: version unknown`, params);
  if (b.major < minChrome) return item('browser', 'fail', 'browser-old', `${label} < ${minChrome}`, params);
  return item('browser', 'pass', 'browser-ok', `${label} >= ${minChrome}`, params);
}

export function checkWebrtc(env: PreflightEnv): CheckItem {
  if (env.hasPeerConnection && env.hasTransceivers)
    return item('webrtc', 'pass', 'webrtc-ok', 'RTCPeerConnection with transceivers');
  return item(
    'webrtc',
    'fail',
    'webrtc-missing',
    env.hasPeerConnection ? 'RTCPeerConnection without addTransceiver' : 'no RTCPeerConnection',
  );
}

/** The event's codec (AV1 unless the host chose another) must be in the receiver's capabilities. */
export function checkCodec(env: PreflightEnv, codec: string): CheckItem {
  const mime = `video/${codec.toLowerCase()}`;
  const params = { codec };
  if (!env.hasPeerConnection) return item('av1', 'fail', 'codec-no-webrtc', `${mime}: no WebRTC`, params);
  const codecs = env.receiverVideoCodecs();
  if (codecs === null)
    return item('av1', 'warn', 'codec-unknown', `${mime}: RTCRtpReceiver.getCapabilities missing`, params);
  if (codecs.includes(mime)) return item('av1', 'pass', 'codec-ok', `${mime} receivable`, params);
  return item(
    'av1',
    'fail',
    'codec-missing',
    `${mime} not in receiver capabilities (${[...new Set(codecs)].join(' ') || 'none'})`,
    params,
  );
}

export function checkE2ee(env: PreflightEnv): CheckItem {
  if (env.hasScriptTransform) return item('e2ee', 'pass', 'e2ee-ok', 'RTCRtpScriptTransform');
  if (env.hasEncodedStreams) return item('e2ee', 'pass', 'e2ee-ok', 'createEncodedStreams (insertable streams)');
  return item('e2ee', 'warn', 'e2ee-missing', 'no RTCRtpScriptTransform and no encoded streams');
}

export async function checkSignaling(
  env: PreflightEnv,
  urls: readonly string[],
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<CheckItem> {
  if (!env.hasWebSocket) return item('signaling', 'fail', 'signaling-no-websocket', 'no WebSocket');
  const results = await Promise.all(
    urls.map((url) => env.probeWebSocket(url, timeoutMs).catch((): ProbeResult => 'closed')),
  );
  const open = results.filter((r) => r === 'open').length;
  const detail = urls.map((url, i) => `${hostOf(url)}: ${results[i]}`).join(', ');
  const params = { open, total: urls.length };
  if (open === urls.length) return item('signaling', 'pass', 'signaling-ok', detail, params);
  if (open > 0) return item('signaling', 'warn', 'signaling-partial', detail, params);
  return item('signaling', 'fail', 'signaling-unreachable', detail, params);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 60);
  }
}

export async function checkAutoplay(env: PreflightEnv): Promise<CheckItem> {
  const result = await env.probeAutoplay().catch((): AutoplayResult => 'unknown');
  if (result === 'allowed') return item('autoplay', 'pass', 'autoplay-ok', 'unmuted autoplay allowed');
  if (result === 'muted-only')
    return item('autoplay', 'warn', 'autoplay-muted', 'muted autoplay only: sound needs a click');
  return item('autoplay', 'warn', 'autoplay-unknown', 'autoplay policy unknown');
}

/** Runs every check (the two slow ones in parallel), in the order the page lists them. */
export async function runChecks(env: PreflightEnv, target: CheckTarget): Promise<CheckItem[]> {
  const [signaling, autoplay] = await Promise.all([checkSignaling(env, target.signalingUrls), checkAutoplay(env)]);
  return [
    checkBrowser(env, target.minChromeVersion),
    checkWebrtc(env),
    checkCodec(env, target.videoCodecType),
    checkE2ee(env),
    signaling,
    autoplay,
  ];
}

/** Checks that make joining pointless: the page waits for the viewer to insist. */
export const isBlocking = (items: readonly CheckItem[]): boolean =>
  items.some((i) => i.status === 'fail' && (i.id === 'browser' || i.id === 'webrtc' || i.id === 'av1'));

export const toPreflight = (items: readonly CheckItem[], t: number): Preflight => ({
  t,
  items: items.map(({ id, status, detail }) => ({ id, status, detail: detail.slice(0, 200) })),
});
