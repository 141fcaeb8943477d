/**
 * @module The dashboard bench's recorded stream (types and pure reads): one live event's 1 s ticks, its sessions
 * and their 10 s metrics, packed into typed arrays so 10,000 viewers × half an hour stays a few tens of MB. Times are
 * the recording's own; the replay shifts them to the wall clock (`shift`). `rowsAt` answers what
 * `GET /api/events/:id/viewers` would at a moment: every session seen so far, ended ones included.
 */
import type { FailureRecord, FailureReport, FunnelStage } from '../../../shared/funnel.ts';
import { QUALITY_BANDS, QUALITY_REASONS, type SessionEnding, type Tick } from '../../../shared/tick.ts';
import type { ViewerSummary } from '../../../shared/viewer.ts';

export const BUCKET_MS = 10_000;
/** A missing value in the packed 16-bit metrics. */
export const NONE = 0xffff;

export type StreamSession = {
  id: string;
  browser: string;
  browserVersion: string;
  os: string;
  codec: string | null;
  fps: number;
  height: number;
  firstSeen: number;
  /** First decoded frame (it is watching from then on); null when it never got in. */
  firstFrame: number | null;
  failure: FailureReport | null;
  /** When it ended and how; an ending at the recording's end (`shutdown`) is after every replayed moment. */
  endedAt: number;
  ending: SessionEnding;
  connects: number;
};

/** Per session × bucket (from `openMs − BUCKET_MS`): kbps, loss ×100, jitter buffer, RTT, band and reason codes. */
export type StreamMetrics = {
  buckets: number;
  kbps: Uint16Array;
  loss: Uint16Array;
  jb: Uint16Array;
  rtt: Uint16Array;
  /** 0: none, else 1 + index in QUALITY_BANDS. */
  band: Uint8Array;
  /** 0: none, else 1 + index in QUALITY_REASONS. */
  reason: Uint8Array;
};

export type ReplayStream = {
  key: string;
  eventId: string;
  title: string;
  /** Start of the show, of the page's first view (`openMs`) and of the recording's end; recording time. */
  startMs: number;
  openMs: number;
  endMs: number;
  /** One per second from `startMs`, oldest first. */
  ticks: Tick[];
  sessions: StreamSession[];
  metrics: StreamMetrics;
  /** Every failure, oldest first. */
  failures: FailureRecord[];
};

/** Index of the first tick with `t > at` (ticks are one per second from `startMs`). */
export const ticksUpTo = (s: ReplayStream, at: number): number =>
  Math.max(0, Math.min(s.ticks.length, Math.floor((at - s.startMs) / 1000) + 1));

const value = (a: Uint16Array, i: number, scale = 1): number | null =>
  a[i] === NONE ? null : (a[i] as number) / scale;

function stageAt(x: StreamSession, t: number): FunnelStage {
  if (x.firstFrame !== null && x.firstFrame <= t) return 'playing';
  if (x.failure && x.failure.t <= t) return x.failure.stage ?? 'offer';
  return t - x.firstSeen > 1_000 ? 'signaling' : 'preflight';
}

/** What the viewer list says at `t` (recording time) about every session that has arrived, shifted by `shift` ms. */
export function rowsAt(s: ReplayStream, t: number, shift: number): ViewerSummary[] {
  const m = s.metrics;
  const bucketOf = (at: number): number =>
    Math.min(m.buckets - 1, Math.max(0, Math.floor((at - (s.openMs - BUCKET_MS)) / BUCKET_MS)));
  const rows: ViewerSummary[] = [];
  s.sessions.forEach((x, n) => {
    if (x.firstSeen > t) return;
    const ended = x.endedAt <= t;
    const watching = x.firstFrame !== null && x.firstFrame <= t;
    const failed = !watching && x.failure !== null && x.failure.t <= t;
    // An ended session shows its last numbers.
    const i = n * m.buckets + bucketOf(Math.min(t, x.endedAt - 1));
    const has = watching && m.band[i] !== 0;
    rows.push({
      sessionId: x.id,
      state: watching ? 'watching' : failed ? 'failed' : 'joining',
      connected: !ended,
      browser: x.browser,
      browserVersion: x.browserVersion,
      os: x.os,
      codec: watching ? x.codec : null,
      kbps: has ? value(m.kbps, i) : null,
      lossPct: has ? value(m.loss, i, 100) : null,
      jitterBufferMs: has ? value(m.jb, i) : null,
      rttMs: has ? value(m.rtt, i) : null,
      fps: has ? x.fps : null,
      height: has ? x.height : null,
      band: has ? (QUALITY_BANDS[(m.band[i] as number) - 1] ?? null) : null,
      reason: has && m.reason[i] ? (QUALITY_REASONS[(m.reason[i] as number) - 1] ?? null) : null,
      stage: stageAt(x, t),
      failure: failed && x.failure ? { ...x.failure, t: x.failure.t + shift } : null,
      firstSeen: x.firstSeen + shift,
      lastSeen: (ended ? x.endedAt : t) + shift,
      ending: ended ? x.ending : null,
      endedAt: ended ? x.endedAt + shift : null,
      connects: x.connects,
    });
  });
  return rows;
}
