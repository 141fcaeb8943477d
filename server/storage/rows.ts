/** @module Domain ↔ row mapping for viewer sessions, ticks and failures, and chunking of multi-row inserts. */
import type { Phase } from '../../shared/event.ts';
import type { FailureCategory, FailureRecord, FailureReport, FunnelStage } from '../../shared/funnel.ts';
import type { StatsSample } from '../../shared/stats-sample.ts';
import type { SessionEnding, Tick, ViewerState } from '../../shared/tick.ts';
import type { FailuresTable, TicksTable, ViewerSessionsTable } from '../db/schema.ts';
import type { Insertable, Selectable } from 'kysely';
import type { SessionTotals } from '../report/session-totals.ts';

/** One viewing session in one phase of an event, as the live monitor records it. */
export type SessionRow = {
  eventId: string;
  sessionId: string;
  phase: Phase;
  browser: string;
  browserVersion: string;
  os: string;
  /** ms since epoch; kept from the first write. */
  firstSeen: number;
  /** ms since epoch; never moves backwards. */
  lastSeen: number;
  /** Highest stored sample seq; never moves backwards. */
  lastSeq: number;
  state: ViewerState;
  codec: string | null;
  ttffMs: number | null;
  /** Furthest funnel stage reached, and when each stage was first reached (viewer's clock). */
  stage: FunnelStage | null;
  stageTimes: Partial<Record<FunnelStage, number>>;
  /** The newest accepted sample: its cumulative counters let a restarted server continue the session. */
  checkpoint: StatsSample | null;
  /** The failure standing against the session (cleared when it gets further). */
  failure: FailureReport | null;
  /** Server time it ended and how; null while open. */
  endedAt: number | null;
  ending: SessionEnding | null;
  /** Socket connections made (1 = never reconnected). */
  connects: number;
  /** Running report totals of its stored history; null for a session recorded before they were kept. */
  totals: SessionTotals | null;
};

/** A failure as stored: the served `FailureRecord` plus the event and phase it belongs to. */
export type FailureRow = FailureRecord & { eventId: string; phase: Phase };

type Evidence = { stage?: FunnelStage; code?: number; reason?: string; title?: string; message?: string };

/** Bind parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
export const MAX_BIND_PARAMS = 30_000;

/** Splits rows so that each multi-row insert binds at most `MAX_BIND_PARAMS` values. */
export function chunked<T extends object>(rows: readonly T[]): T[][] {
  const first = rows[0];
  if (first === undefined) return [];
  const size = Math.max(1, Math.floor(MAX_BIND_PARAMS / Object.keys(first).length));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The last row per key wins (one statement must not upsert the same key twice). */
export function lastPerKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [key(row), row] as const)).values()];
}

export function toSessionInsert(s: SessionRow): Insertable<ViewerSessionsTable> {
  return {
    event_id: s.eventId,
    session_id: s.sessionId,
    phase: s.phase,
    browser: s.browser,
    browser_version: s.browserVersion,
    os: s.os,
    first_seen: s.firstSeen,
    last_seen: s.lastSeen,
    last_seq: s.lastSeq,
    state: s.state,
    codec: s.codec,
    ttff_ms: s.ttffMs,
    failure_category: s.failure?.category ?? null,
    stage: s.stage,
    stage_times: JSON.stringify(s.stageTimes),
    checkpoint: s.checkpoint ? JSON.stringify(s.checkpoint) : null,
    failure: s.failure ? JSON.stringify(s.failure) : null,
    ended_at: s.endedAt,
    ending: s.ending,
    connects: s.connects,
    totals: s.totals ? JSON.stringify(s.totals) : null,
  };
}

const parsed = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function fromSessionRow(r: Selectable<ViewerSessionsTable>): SessionRow {
  return {
    eventId: r.event_id,
    sessionId: r.session_id,
    phase: r.phase,
    browser: r.browser,
    browserVersion: r.browser_version,
    os: r.os,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    lastSeq: r.last_seq,
    state: r.state as ViewerState,
    codec: r.codec,
    ttffMs: r.ttff_ms,
    stage: r.stage as FunnelStage | null,
    stageTimes: parsed<SessionRow['stageTimes']>(r.stage_times) ?? {},
    checkpoint: parsed<StatsSample>(r.checkpoint),
    failure: parsed<FailureReport>(r.failure),
    endedAt: r.ended_at,
    ending: r.ending as SessionEnding | null,
    connects: r.connects,
    totals: parsed<SessionTotals>(r.totals),
  };
}

export function toTickInsert(tick: Tick): Insertable<TicksTable> {
  return { event_id: tick.eventId, phase: tick.phase, t: tick.t, body: JSON.stringify(tick) };
}

export function toFailureInsert(f: FailureRow): Insertable<FailuresTable> {
  const evidence: Evidence = { stage: f.stage, code: f.code, reason: f.reason, title: f.title, message: f.message };
  return {
    event_id: f.eventId,
    phase: f.phase,
    session_id: f.sessionId,
    category: f.category,
    t: f.t,
    browser: f.browser,
    os: f.os,
    evidence: JSON.stringify(evidence), // undefined keys are dropped
  };
}

type StoredFailure = Pick<Selectable<FailuresTable>, 'session_id' | 'category' | 't' | 'browser' | 'os' | 'evidence'>;

export function fromFailureRow(r: StoredFailure): FailureRecord {
  const evidence = JSON.parse(r.evidence) as Evidence;
  return {
    category: r.category as FailureCategory,
    t: r.t,
    ...evidence,
    sessionId: r.session_id,
    browser: r.browser,
    os: r.os,
  };
}
