/**
 * @module Live state of one event in one phase (pure): its viewers, funnel and failure counts, Sora's count.
 * Rehearsal and live numbers never mix: a phase change starts a new monitor.
 */
import type { Phase } from '../../shared/event.ts';
import type { FailureCategory, FailureRecord, FailureReport, FunnelStage, FunnelStep } from '../../shared/funnel.ts';
import { FUNNEL_STAGES } from '../../shared/funnel.ts';
import { TICK_HISTORY_LIMIT, VIEWER_GRACE_MS } from '../../shared/limits.ts';
import type { StatsSample } from '../../shared/stats-sample.ts';
import type { Dist, Tick } from '../../shared/tick.ts';
import type { ClientInfo } from '../../shared/user-agent.ts';
import {
  applySamples, newViewerSession, reachStage, recordFailure, timeToFirstFrame, type ViewerSession,
} from './viewer-session.ts';

/** TTFF values kept for the p50/p90 (the most recent ones). */
const TTFF_LIMIT = 20_000;

export type EventMonitor = {
  eventId: string;
  phase: Phase;
  startedAt: number;
  viewers: Map<string, ViewerSession>;
  peak: number;
  funnel: Record<FunnelStage, number>;
  failures: Partial<Record<FailureCategory, number>>;
  ttffMs: number[];
  /** p10/p50/p90 of `ttffMs`, kept until a new value arrives (undefined = to be computed by the next tick). */
  ttffDist: Dist | undefined;
  sfu: { recvonly: number; t: number } | null;
  ingest: { samples: number; invalid: number };
  ticks: Tick[];
  /** Failures not yet written to storage. */
  newFailures: FailureRecord[];
  /** Viewers swept from the live set whose final state is not yet written to storage. */
  departed: ViewerSession[];
  /** Start of the newest history bucket already written (ms). */
  historyBucket: number;
};

export function createMonitor(eventId: string, phase: Phase, now: number): EventMonitor {
  return {
    eventId, phase, startedAt: now, viewers: new Map(), peak: 0,
    funnel: Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0])) as Record<FunnelStage, number>,
    failures: {}, ttffMs: [], ttffDist: undefined, sfu: null, ingest: { samples: 0, invalid: 0 }, ticks: [], newFailures: [], departed: [], historyBucket: 0,
  };
}

const rank = (stage: FunnelStage | null): number => (stage === null ? -1 : FUNNEL_STAGES.indexOf(stage));

/** Runs `change` on a session and counts any funnel stages it newly reached (and TTFF, once). */
function tracked(m: EventMonitor, session: ViewerSession, change: () => void): void {
  const before = rank(session.stage);
  change();
  const after = rank(session.stage);
  for (let r = before + 1; r <= after; r++) m.funnel[FUNNEL_STAGES[r] as FunnelStage] += 1;
  if (before < rank('first-frame') && after >= rank('first-frame')) {
    const ttff = timeToFirstFrame(session);
    if (ttff !== null) {
      m.ttffMs.push(ttff);
      if (m.ttffMs.length > TTFF_LIMIT) m.ttffMs.shift();
      m.ttffDist = undefined;
    }
  }
}

/** A viewer socket arrived (new session, or a reconnect of a known one). */
export function connectViewer(m: EventMonitor, sessionId: string, client: ClientInfo, now: number, storedSeq = 0): ViewerSession {
  const known = m.viewers.get(sessionId);
  if (known) {
    known.connected = true;
    known.disconnectedAt = null;
    known.lastSeen = now;
    return known;
  }
  const session = newViewerSession(sessionId, client, now, storedSeq);
  m.viewers.set(sessionId, session);
  return session;
}

export function disconnectViewer(m: EventMonitor, sessionId: string, now: number): void {
  const session = m.viewers.get(sessionId);
  if (!session) return;
  session.connected = false;
  session.disconnectedAt = now;
  session.dirty = true;
}

/** Applies a batch; returns the highest stored seq for the ack. */
export function ingestSamples(m: EventMonitor, session: ViewerSession, samples: readonly StatsSample[], now: number): number {
  tracked(m, session, () => {
    m.ingest.samples += applySamples(session, samples, now);
  });
  return session.lastSeq;
}

export function recordStep(m: EventMonitor, session: ViewerSession, step: FunnelStep): void {
  tracked(m, session, () => reachStage(session, step.stage, step.t));
}

export function recordViewerFailure(m: EventMonitor, session: ViewerSession, failure: FailureReport): FailureRecord {
  recordFailure(session, failure);
  m.failures[failure.category] = (m.failures[failure.category] ?? 0) + 1;
  const record: FailureRecord = { ...failure, sessionId: session.sessionId, browser: session.client.browser, os: session.client.os };
  m.newFailures.push(record);
  return record;
}

/** Sora's count as seen by a viewer or a webhook; the latest by timestamp wins. */
export function recordSfuCount(m: EventMonitor, recvonly: number, t: number): void {
  if (!m.sfu || t >= m.sfu.t) m.sfu = { recvonly, t };
}

/** Forgets viewers whose socket has been gone longer than the grace period (they move to `departed`). */
export function sweep(m: EventMonitor, now: number): void {
  for (const [id, session] of m.viewers) {
    if (!session.connected && session.disconnectedAt !== null && now - session.disconnectedAt > VIEWER_GRACE_MS) {
      m.viewers.delete(id);
      m.departed.push(session);
    }
  }
}

export function rememberTick(m: EventMonitor, tick: Tick): void {
  m.ticks.push(tick);
  if (m.ticks.length > TICK_HISTORY_LIMIT) m.ticks.splice(0, m.ticks.length - TICK_HISTORY_LIMIT);
  m.ingest = { samples: 0, invalid: 0 };
}
