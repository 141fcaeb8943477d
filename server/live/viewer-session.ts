/**
 * @module One viewer's live state (pure): deduped samples, derived metrics, funnel progress and failure.
 * Keeps the newest sample whole and a thinned ring of recent cumulative counters (server/live/counter-ring.ts);
 * metrics are derived over ~2 s (current) and ~10 s (window, used for the quality band and stored history).
 */
import type { FailureReport, FunnelStage } from '../../shared/funnel.ts';
import { DEFAULT_SEND_INTERVAL_MS, STALE_SAMPLE_MS } from '../../shared/limits.ts';
import type { SessionEnding, ViewerState } from '../../shared/tick.ts';
import { atOrPast, funnelRank } from '../../shared/funnel.ts';
import { deriveMetrics, type ViewerMetrics } from '../../shared/metrics.ts';
import { gradeViewer, type Grade } from '../../shared/quality.ts';
import type { StatsSample } from '../../shared/stats-sample.ts';
import type { ClientInfo } from '../../shared/user-agent.ts';
import { emptyTotals, type SessionTotals } from '../report/session-totals.ts';
import type { SessionRow } from '../storage/rows.ts';
import { CounterRing } from './counter-ring.ts';

const CURRENT_SPAN_MS = 2_000;
const WINDOW_SPAN_MS = 10_000;
/** Samples closer than this to their successor are dropped from the ring (except the newest two). */
const RING_SPACING_MS = 1_500;

/** How and when a session ended: `at` by the server's clock, `t` by the viewer's (activity after `t` reopens it). */
export type Ending = { how: SessionEnding; at: number; t: number };

export type ViewerSession = {
  sessionId: string;
  client: ClientInfo;
  firstSeen: number;
  /** Server time of the last message from this viewer. */
  lastSeen: number;
  connected: boolean;
  disconnectedAt: number | null;
  /** The socket that speaks for the session now; a superseded socket's disconnect is ignored. */
  socketId: string | null;
  /** Socket connections made (1 = never reconnected). */
  connects: number;
  /** Set once the session has ended; it then leaves the counts until it is reopened. */
  ending: Ending | null;
  lastSeq: number;
  /** The newest sample derived from (the latest in time), whole: state, codec, decoder, checkpoint, plausibility. */
  latest: StatsSample | null;
  /** Counters of the recent samples, the newest included, that `current` and `window` are derived from. */
  counters: CounterRing;
  current: ViewerMetrics | null;
  window: ViewerMetrics | null;
  grade: Grade | null;
  /** Server time of the last accepted sample. */
  lastSampleAt: number | null;
  /** The send interval this session's viewer was last asked for: its batches arrive about this often. */
  cadenceMs: number;
  stage: FunnelStage | null;
  stageTimes: Partial<Record<FunnelStage, number>>;
  failure: FailureReport | null;
  /** Report totals of the stored history (null for a session recorded before they were kept). */
  totals: SessionTotals | null;
  /** Changed since the last storage flush. */
  dirty: boolean;
};

/** An empty ring, or one holding the checkpoint a restored session continues from. */
function newRing(first?: StatsSample | null): CounterRing {
  const ring = new CounterRing(WINDOW_SPAN_MS, RING_SPACING_MS);
  if (first) ring.push(first);
  return ring;
}

export function newViewerSession(
  sessionId: string,
  client: ClientInfo,
  now: number,
  lastSeq = 0,
  socketId: string | null = null,
): ViewerSession {
  return {
    sessionId,
    client,
    firstSeen: now,
    lastSeen: now,
    connected: true,
    disconnectedAt: null,
    socketId,
    connects: 1,
    ending: null,
    lastSeq,
    latest: null,
    counters: newRing(),
    current: null,
    window: null,
    grade: null,
    lastSampleAt: null,
    cadenceMs: DEFAULT_SEND_INTERVAL_MS,
    stage: null,
    stageTimes: {},
    failure: null,
    totals: emptyTotals(),
    dirty: true,
  };
}

/**
 * A session as a restarted server finds it in storage: not connected (its socket is gone; the reconnect grace
 * starts `now`), with its seq, funnel progress, failure and newest sample, so that it continues where it was.
 */
export function restoreSession(row: SessionRow, now: number): ViewerSession {
  const ending =
    row.ending === null ? null : { how: row.ending, at: row.endedAt ?? row.lastSeen, t: row.checkpoint?.t ?? 0 };
  return {
    sessionId: row.sessionId,
    client: {
      browser: row.browser,
      browserVersion: row.browserVersion,
      os: row.os,
      browserMajor: Number.parseInt(row.browserVersion, 10) || null,
    },
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
    connected: false,
    disconnectedAt: ending ? null : now,
    socketId: null,
    connects: row.connects,
    ending,
    lastSeq: row.lastSeq,
    latest: row.checkpoint,
    counters: newRing(row.checkpoint),
    current: null,
    window: null,
    grade: null,
    lastSampleAt: null,
    cadenceMs: DEFAULT_SEND_INTERVAL_MS,
    stage: row.stage,
    stageTimes: { ...row.stageTimes },
    failure: row.failure,
    totals: row.totals,
    dirty: false,
  };
}

/**
 * Folds a batch into the session. Samples at or below `lastSeq` are duplicates and ignored; the rest
 * are applied in seq order. Returns how many were accepted.
 */
export function applySamples(session: ViewerSession, samples: readonly StatsSample[], now: number): number {
  const fresh = samples.filter((s) => s.seq > session.lastSeq).sort((a, b) => a.seq - b.seq);
  let accepted = 0;
  for (const sample of fresh) {
    if (sample.seq <= session.lastSeq) continue; // a duplicate inside the batch
    session.lastSeq = sample.seq;
    if (session.latest && sample.t <= session.latest.t) continue; // out of order in time: counted as stored, not derived
    session.counters.push(sample);
    session.latest = sample;
    accepted += 1;
  }
  session.lastSeen = now;
  if (fresh.length === 0) return 0;
  session.dirty = true;
  session.lastSampleAt = now;
  const latest = session.latest;
  const a = session.counters.anchor(CURRENT_SPAN_MS);
  const w = session.counters.anchor(WINDOW_SPAN_MS);
  if (latest && a) session.current = deriveMetrics(a, latest) ?? session.current;
  if (latest && w) session.window = deriveMetrics(w, latest) ?? session.window;
  session.grade = session.window ? gradeViewer(session.window) : null;
  // Stage times use the viewer's clock (sample `t`), like the funnel steps it sends.
  if (latest && (session.current?.fps ?? 0) > 0) reachStage(session, 'first-frame', latest.t);
  if (latest?.st === 'connected') reachStage(session, 'connected', latest.t);
  return accepted;
}

/** Records that the viewer reached `stage` (stages only move forward; earlier ones are implied). */
export function reachStage(session: ViewerSession, stage: FunnelStage, t: number): void {
  session.stageTimes[stage] ??= t;
  if (session.failure && t > session.failure.t && atOrPast(stage, 'signaling')) session.failure = null;
  if (funnelRank(stage) > funnelRank(session.stage)) {
    session.stage = stage;
    session.dirty = true;
  }
}

/** Time from page open to the first decoded frame, when both are known. */
export function timeToFirstFrame(session: ViewerSession): number | null {
  const open = session.stageTimes.page;
  const frame = session.stageTimes['first-frame'];
  return open !== undefined && frame !== undefined && frame >= open ? frame - open : null;
}

/**
 * watching: fresh samples from a connected peer with media flowing (or stalled after it flowed); failed: a reported failure not yet recovered from, or a
 * failed peer; joining: on the way in (or its samples went stale); connected: page open, nothing more yet.
 */
export function viewerState(session: ViewerSession, now: number): ViewerState {
  const latest = session.latest;
  // Under load the server asks for batches up to 30 s apart: a viewer between two of them is still watching.
  const staleMs = Math.max(STALE_SAMPLE_MS, 2 * session.cadenceMs);
  const fresh = session.lastSampleAt !== null && now - session.lastSampleAt < staleMs;
  const current = session.current;
  const media = current !== null && ((current.kbps ?? 0) > 0 || current.stalled);
  if (fresh && latest?.st === 'connected' && media) return 'watching';
  if (session.failure || (fresh && latest?.st === 'failed')) return 'failed';
  if (latest || atOrPast(session.stage, 'signaling')) return 'joining';
  return 'connected';
}

/** Records a failure; it stands until the viewer reaches a later stage. */
export function recordFailure(session: ViewerSession, failure: FailureReport): void {
  session.failure = failure;
  session.dirty = true;
}
