/**
 * @module Live state of one event in one phase (pure): every viewing session of the phase (ended ones kept and
 * marked), funnel, failure and ending counts, Sora's count. Rehearsal and live numbers never mix: each phase has
 * its own monitor. One session is one count, whatever order its sockets connect and disconnect in.
 */
import type { Phase } from '../../shared/event.ts';
import type { FailureCategory, FailureRecord, FailureReport, FunnelStage, FunnelStep } from '../../shared/funnel.ts';
import { atOrPast, emptyFunnel, funnelRank, stagesThrough } from '../../shared/funnel.ts';
import { MAX_FAILURES_PER_SESSION, TICK_HISTORY_LIMIT, VIEWER_GRACE_MS } from '../../shared/limits.ts';
import type { StatsSample } from '../../shared/stats-sample.ts';
import { SESSION_ENDINGS, type Dist, type SessionEnding, type Tick } from '../../shared/tick.ts';
import type { ClientInfo } from '../../shared/user-agent.ts';
import { noSfuCount, type SfuState } from '../sora/sfu-count.ts';
import {
  applySamples,
  newViewerSession,
  reachStage,
  recordFailure,
  timeToFirstFrame,
  type ViewerSession,
} from './viewer-session.ts';

export type Endings = Record<SessionEnding, number>;
export const noEndings = (): Endings => Object.fromEntries(SESSION_ENDINGS.map((e) => [e, 0])) as Endings;

/** TTFF values kept for the p50/p90 (the most recent ones). */
const TTFF_LIMIT = 20_000;

export type EventMonitor = {
  eventId: string;
  phase: Phase;
  startedAt: number;
  /** Every session of the phase; ended ones stay (marked) so the list and the totals stay whole. */
  viewers: Map<string, ViewerSession>;
  peak: number;
  funnel: Record<FunnelStage, number>;
  failures: Partial<Record<FailureCategory, number>>;
  /** Failures counted per session in this phase (at most MAX_FAILURES_PER_SESSION each: one session cannot flood). */
  failuresBySession: Map<string, number>;
  endings: Endings;
  ttffMs: number[];
  /** p10/p50/p90 of `ttffMs`, kept until a new value arrives (undefined = to be computed by the next tick). */
  ttffDist: Dist | undefined;
  /** Sora's count, from webhooks or viewers' reports (server/sora/sfu-count.ts). */
  sfu: SfuState;
  ingest: { samples: number; invalid: number };
  ticks: Tick[];
  /** Failures not yet written to storage. */
  newFailures: FailureRecord[];
  /** Start of the newest history bucket already written (ms). */
  historyBucket: number;
};

export function createMonitor(eventId: string, phase: Phase, now: number): EventMonitor {
  return {
    eventId,
    phase,
    startedAt: now,
    viewers: new Map(),
    peak: 0,
    funnel: emptyFunnel(),
    failures: {},
    failuresBySession: new Map(),
    endings: noEndings(),
    ttffMs: [],
    ttffDist: undefined,
    sfu: noSfuCount(),
    ingest: { samples: 0, invalid: 0 },
    ticks: [],
    newFailures: [],
    historyBucket: 0,
  };
}

/** Runs `change` on a session and counts any funnel stages it newly reached (and TTFF, once). */
function tracked(m: EventMonitor, session: ViewerSession, change: () => void): void {
  const before = session.stage;
  change();
  const after = session.stage;
  for (const stage of stagesThrough(after).slice(funnelRank(before) + 1)) m.funnel[stage] += 1;
  if (!atOrPast(before, 'first-frame') && atOrPast(after, 'first-frame')) {
    const ttff = timeToFirstFrame(session);
    if (ttff !== null) {
      m.ttffMs.push(ttff);
      if (m.ttffMs.length > TTFF_LIMIT) m.ttffMs.shift();
      m.ttffDist = undefined;
    }
  }
}

/** The session leaves the counts: it ended `how`, at server time `now` and viewer time `t`. Once only. */
export function endSession(m: EventMonitor, session: ViewerSession, how: SessionEnding, now: number, t = now): void {
  if (session.ending) return;
  session.ending = { how, at: now, t };
  m.endings[how] += 1;
  session.dirty = true;
}

function reopen(m: EventMonitor, session: ViewerSession): void {
  if (!session.ending) return;
  m.endings[session.ending.how] -= 1;
  session.ending = null;
  session.dirty = true;
}

/** Activity stamped after the session's end (by the viewer's clock) reopens it: a retry after a shutdown, a bfcache return. */
const reopenIfLater = (m: EventMonitor, session: ViewerSession, t: number): void => {
  if (session.ending && t > session.ending.t) reopen(m, session);
};

/**
 * A viewer socket arrived: a new session, a reconnect of a known one (reopened if it had ended), or the same
 * session continuing in this phase. `socketId` becomes the socket that speaks for it.
 */
export function connectViewer(
  m: EventMonitor,
  sessionId: string,
  client: ClientInfo,
  now: number,
  socketId: string | null = null,
  storedSeq = 0,
): ViewerSession {
  const known = m.viewers.get(sessionId);
  if (!known) {
    const session = newViewerSession(sessionId, client, now, storedSeq, socketId);
    m.viewers.set(sessionId, session);
    return session;
  }
  if (socketId !== null && known.socketId !== socketId) known.connects += 1;
  reopen(m, known);
  known.connected = true;
  known.disconnectedAt = null;
  known.socketId = socketId;
  known.lastSeen = now;
  known.dirty = true;
  return known;
}

/** The socket `socketId` is gone. Ignored unless it is the one speaking for the session (a superseded socket's late disconnect). */
export function disconnectViewer(m: EventMonitor, sessionId: string, socketId: string | null, now: number): void {
  const session = m.viewers.get(sessionId);
  if (!session || session.socketId !== socketId) return;
  session.connected = false;
  session.disconnectedAt = now;
  session.socketId = null;
  session.dirty = true;
}

/** Applies a batch; returns the highest stored seq for the ack. */
export function ingestSamples(
  m: EventMonitor,
  session: ViewerSession,
  samples: readonly StatsSample[],
  now: number,
): number {
  tracked(m, session, () => {
    m.ingest.samples += applySamples(session, samples, now);
  });
  if (session.latest) reopenIfLater(m, session, session.latest.t);
  return session.lastSeq;
}

export function recordStep(m: EventMonitor, session: ViewerSession, step: FunnelStep): void {
  reopenIfLater(m, session, step.t);
  tracked(m, session, () => reachStage(session, step.stage, step.t));
}

/** The page said it is closing: the session ends now (not after the reconnect grace). */
export function recordLeave(m: EventMonitor, session: ViewerSession, t: number, now: number): void {
  endSession(m, session, 'left', now, t);
}

/**
 * Records a failure report. A normal end of the broadcast (`shutdown`) is an ending, not a failure: it is
 * counted in `endings` and null is returned; anything else is counted, kept for storage and returned, up to
 * MAX_FAILURES_PER_SESSION per session and phase (later ones return null: a retry loop or a flood adds nothing).
 */
export function recordViewerFailure(
  m: EventMonitor,
  session: ViewerSession,
  failure: FailureReport,
  now: number,
): FailureRecord | null {
  if (failure.category === 'shutdown') {
    endSession(m, session, 'shutdown', now, failure.t);
    return null;
  }
  const counted = m.failuresBySession.get(session.sessionId) ?? 0;
  if (counted >= MAX_FAILURES_PER_SESSION) return null;
  m.failuresBySession.set(session.sessionId, counted + 1);
  reopenIfLater(m, session, failure.t);
  recordFailure(session, failure);
  m.failures[failure.category] = (m.failures[failure.category] ?? 0) + 1;
  const record: FailureRecord = {
    ...failure,
    sessionId: session.sessionId,
    browser: session.client.browser,
    os: session.client.os,
  };
  m.newFailures.push(record);
  return record;
}

/** Sessions whose socket has been gone longer than the reconnect grace end as `lost`. */
export function sweep(m: EventMonitor, now: number): void {
  for (const session of m.viewers.values()) {
    if (
      !session.ending &&
      !session.connected &&
      session.disconnectedAt !== null &&
      now - session.disconnectedAt > VIEWER_GRACE_MS
    ) {
      endSession(m, session, 'lost', now, session.disconnectedAt);
    }
  }
}

/** The event left this phase: its open sessions end here (they continue in the new phase's monitor). */
export function retire(m: EventMonitor, now: number): void {
  for (const session of m.viewers.values()) endSession(m, session, 'phase-end', now, now);
}

/** Keeps `tick` in the monitor's recent history (a tick built here, or one another process merged: server/cluster/). */
export function keepTick(m: EventMonitor, tick: Tick): void {
  m.ticks.push(tick);
  if (m.ticks.length > TICK_HISTORY_LIMIT) m.ticks.splice(0, m.ticks.length - TICK_HISTORY_LIMIT);
  m.peak = Math.max(m.peak, tick.viewers.peak);
}

/** Keeps a tick built from this monitor; its ingest counts are in it, so they restart at 0. */
export function rememberTick(m: EventMonitor, tick: Tick): void {
  keepTick(m, tick);
  m.ingest = { samples: 0, invalid: 0 };
}
