/** @module The real browser behind the pre-flight checks: feature detection and two small live probes. */
import type { AutoplayResult, PreflightEnv, ProbeResult } from './checks.ts';
import type { Brand } from './browser-version.ts';

type NavigatorWithHints = Navigator & {
  userAgentData?: { brands?: Brand[] };
  getAutoplayPolicy?: (type: 'mediaelement') => 'allowed' | 'allowed-muted' | 'disallowed';
};
type WindowWithAudio = Window & { webkitAudioContext?: typeof AudioContext; RTCRtpScriptTransform?: unknown };

/** Opens a WebSocket to the signaling URL and closes it at once: reachability only, nothing is sent. */
function probeWebSocket(url: string, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      return resolve('closed');
    }
    let done = false;
    const finish = (result: ProbeResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(1000);
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.onopen = () => finish('open');
    socket.onerror = () => finish('closed');
    socket.onclose = () => finish('closed');
  });
}

/**
 * Firefox answers `getAutoplayPolicy`; elsewhere an AudioContext made without a user gesture starts `suspended`
 * when sound may not start by itself. Muted video autoplay is allowed in every current browser.
 */
async function probeAutoplay(): Promise<AutoplayResult> {
  const nav = navigator as NavigatorWithHints;
  const policy = nav.getAutoplayPolicy?.('mediaelement');
  if (policy === 'allowed') return 'allowed';
  if (policy === 'allowed-muted' || policy === 'disallowed') return 'muted-only';
  const Ctx = window.AudioContext ?? (window as WindowWithAudio).webkitAudioContext;
  if (!Ctx) return 'unknown';
  const context = new Ctx();
  const state = context.state;
  await context.close().catch(() => undefined);
  return state === 'running' ? 'allowed' : 'muted-only';
}

function receiverVideoCodecs(): string[] | null {
  if (typeof RTCRtpReceiver === 'undefined' || typeof RTCRtpReceiver.getCapabilities !== 'function') return null;
  return (RTCRtpReceiver.getCapabilities('video')?.codecs ?? []).map((c) => c.mimeType.toLowerCase());
}

export function browserEnv(): PreflightEnv {
  const nav = navigator as NavigatorWithHints;
  const hasPeerConnection = typeof RTCPeerConnection === 'function';
  return {
    userAgent: nav.userAgent,
    brands: nav.userAgentData?.brands ?? [],
    hasPeerConnection,
    hasTransceivers: hasPeerConnection && 'addTransceiver' in RTCPeerConnection.prototype,
    receiverVideoCodecs,
    hasScriptTransform: typeof (window as WindowWithAudio).RTCRtpScriptTransform === 'function',
    hasEncodedStreams: typeof RTCRtpReceiver !== 'undefined' && 'createEncodedStreams' in RTCRtpReceiver.prototype,
    hasWebSocket: typeof WebSocket === 'function',
    probeWebSocket,
    probeAutoplay,
  };
}
