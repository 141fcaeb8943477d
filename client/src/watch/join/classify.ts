/**
 * @module Join failure classification (pure): a sora-js-sdk error, close event or watchdog expiry, plus a snapshot
 * of the peer connection, becomes a failure category with its evidence. Rules and evidence: docs/failures.md.
 */
import type { FailureCategory, FailureReport } from '../../../../shared/funnel.ts';

/** A failure before `t` and `stage` are stamped on it. */
export type Classified = { category: FailureCategory } & Pick<FailureReport, 'code' | 'reason' | 'title' | 'message'>;

/** What the attempt knew when it failed. States are the browser's strings; missing when there is no pc. */
export type JoinSnapshot = {
  offerReceived: boolean;
  /** `connect()` resolved. */
  joined: boolean;
  connectionState?: string;
  iceConnectionState?: string;
  /** State of the DTLS transport of the first receiver. */
  dtlsState?: string;
};

/** The fields of a SoraCloseEvent that matter (`type` is `normal` or `abend`). */
export type CloseLike = { type: string; title: string; code?: number; reason?: string };

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function evidence(
  category: FailureCategory,
  fields: { code?: unknown; reason?: unknown; title?: string; message?: string },
): Classified {
  const out: Classified = { category };
  if (typeof fields.code === 'number' && Number.isInteger(fields.code) && fields.code >= 0 && fields.code <= 65_535)
    out.code = fields.code;
  if (typeof fields.reason === 'string' && fields.reason !== '') out.reason = clip(fields.reason, 200);
  if (fields.title) out.title = clip(fields.title, 100);
  if (fields.message) out.message = clip(fields.message, 500);
  return out;
}

const iceUp = (s: JoinSnapshot): boolean =>
  s.iceConnectionState === 'connected' || s.iceConnectionState === 'completed';

const states = (s: JoinSnapshot): string =>
  `pc=${s.connectionState ?? 'none'} ice=${s.iceConnectionState ?? 'none'} dtls=${s.dtlsState ?? 'none'}`;

/** A WebSocket close before the viewer joined: 1006 = never reached, 4xxx and others = the server said no. */
function closeCategory(code: number | undefined): FailureCategory {
  return code === 1006 ? 'signaling-unreachable' : 'signaling-rejected';
}

/** `connect()` rejected. ConnectError is not exported by the SDK, so it is recognised by name. */
export function classifyConnectError(error: unknown, snap: JoinSnapshot): Classified {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    reason?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const title = typeof e.name === 'string' ? e.name : 'Error';
  const fields = { code: e.code, reason: e.reason, title, message };
  if (title === 'ConnectError') {
    if (message.includes('All signaling URL candidates failed')) return evidence('all-candidates-failed', fields);
    if (typeof e.code === 'number') return evidence(closeCategory(e.code), fields);
    if (message.includes('WebSocket onerror')) return evidence('signaling-unreachable', fields);
    // SIGNALING_ONMESSAGE_EXCEPTION, WS_SEND_*: the offer or answer could not be handled.
    return evidence('connection-failed', fields);
  }
  // Plain Errors: "Signaling connection timeout" (dead code in 2026.1.0), "PeerConnection connectionState did not
  // change to 'connected'" (the pc was dropped while waiting), or a bad argument.
  const category = /timeout/i.test(message)
    ? 'join-timeout'
    : snap.offerReceived
      ? peerCategory(snap)
      : 'connection-failed';
  return evidence(category, { ...fields, message: `${message} (${states(snap)})` });
}

/** ICE never came up → ice-failed; ICE up but DTLS or the connection not → connection-failed. */
function peerCategory(snap: JoinSnapshot): FailureCategory {
  if (snap.dtlsState === 'failed') return 'connection-failed';
  return iceUp(snap) ? 'connection-failed' : 'ice-failed';
}

/** The page's own join watchdog expired (sora-js-sdk's connectionTimeout never fires in 2026.1.0). */
export function classifyJoinTimeout(snap: JoinSnapshot, timeoutMs: number): Classified {
  const seconds = Math.round(timeoutMs / 100) / 10;
  if (!snap.offerReceived)
    return evidence('join-timeout', { title: 'JOIN-TIMEOUT', message: `no offer within ${seconds} s` });
  const category = peerCategory(snap);
  const what = category === 'ice-failed' ? 'ICE did not connect' : 'the connection did not complete';
  return evidence(category, { title: 'JOIN-TIMEOUT', message: `${what} within ${seconds} s (${states(snap)})` });
}

/** `connectionState` became `failed` while joining (the SDK only watches for that after connect() resolves). */
export function classifyPeerFailure(snap: JoinSnapshot): Classified {
  const category = peerCategory(snap);
  return evidence(category, { title: category === 'ice-failed' ? 'ICE-FAILED' : 'DTLS-FAILED', message: states(snap) });
}

/**
 * The SDK's `disconnect` event. Null for the page's own disconnect (normal / DISCONNECT). After joining, every
 * abend is a drop; before joining, the close says why the join failed.
 */
export function classifyDisconnect(event: CloseLike, snap: JoinSnapshot): Classified | null {
  const fields = { code: event.code, reason: event.reason, title: event.title };
  if (event.type === 'normal') return event.title === 'SHUTDOWN' ? evidence('shutdown', fields) : null;
  if (snap.joined) return evidence('dropped', fields);
  switch (event.title) {
    case 'WEBSOCKET-ONCLOSE':
      return evidence(closeCategory(event.code), fields);
    case 'WEBSOCKET-ONERROR':
      return evidence('signaling-unreachable', fields);
    case 'ICE-CONNECTION-STATE-FAILED':
    case 'ICE-CONNECTION-STATE-DISCONNECTED-TIMEOUT':
      return evidence('ice-failed', fields);
    default:
      return evidence(snap.offerReceived ? peerCategory(snap) : 'connection-failed', fields);
  }
}

/** Failures worth an automatic new attempt: the network may recover. Refusals and unsupported browsers will not. */
export const RETRYABLE: ReadonlySet<FailureCategory> = new Set<FailureCategory>([
  'signaling-unreachable',
  'all-candidates-failed',
  'join-timeout',
  'ice-failed',
  'connection-failed',
  'dropped',
]);
