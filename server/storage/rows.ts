/** @module Domain ↔ row mapping for viewer sessions, ticks and failures, and chunking of multi-row inserts. */
import type { Phase } from '../../shared/event.ts';
import type { FailureCategory, FailureRecord, FunnelStage } from '../../shared/funnel.ts';
import type { Tick, ViewerState } from '../../shared/tick.ts';
import type { FailuresTable, TicksTable, ViewerSessionsTable } from '../db/schema.ts';
import type { Insertable, Selectable } from 'kysely';

/** One viewer session of one event, as the live monitor flushes it. */
export type SessionRow = {
  eventId: string;
  sessionId: string;
  /** Event phase when the session started; kept from the first write. */
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
  failureCategory: FailureCategory | null;
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
    event_id: s.eventId, session_id: s.sessionId, phase: s.phase, browser: s.browser, browser_version: s.browserVersion,
    os: s.os, first_seen: s.firstSeen, last_seen: s.lastSeen, last_seq: s.lastSeq, state: s.state, codec: s.codec,
    ttff_ms: s.ttffMs, failure_category: s.failureCategory,
  };
}

export function fromSessionRow(r: Selectable<ViewerSessionsTable>): SessionRow {
  return {
    eventId: r.event_id, sessionId: r.session_id, phase: r.phase, browser: r.browser, browserVersion: r.browser_version,
    os: r.os, firstSeen: r.first_seen, lastSeen: r.last_seen, lastSeq: r.last_seq, state: r.state as ViewerState,
    codec: r.codec, ttffMs: r.ttff_ms, failureCategory: r.failure_category as FailureCategory | null,
  };
}

export function toTickInsert(tick: Tick): Insertable<TicksTable> {
  return { event_id: tick.eventId, phase: tick.phase, t: tick.t, body: JSON.stringify(tick) };
}

export function toFailureInsert(f: FailureRow): Insertable<FailuresTable> {
  const evidence: Evidence = { stage: f.stage, code: f.code, reason: f.reason, title: f.title, message: f.message };
  return {
    event_id: f.eventId, phase: f.phase, session_id: f.sessionId, category: f.category, t: f.t,
    browser: f.browser, os: f.os, evidence: JSON.stringify(evidence), // undefined keys are dropped
  };
}

type StoredFailure = Pick<Selectable<FailuresTable>, 'session_id' | 'category' | 't' | 'browser' | 'os' | 'evidence'>;

export function fromFailureRow(r: StoredFailure): FailureRecord {
  const evidence = JSON.parse(r.evidence) as Evidence;
  return { category: r.category as FailureCategory, t: r.t, ...evidence, sessionId: r.session_id, browser: r.browser, os: r.os };
}
