/** @module Read queries over stored sessions, history, ticks and failures; rows come back as domain types. */
import { sql, type Kysely } from 'kysely';
import type { Phase } from '../../shared/event.ts';
import type { FailureCategory, FailureRecord } from '../../shared/funnel.ts';
import type { Tick } from '../../shared/tick.ts';
import type { Storage } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { HistoryRow } from '../../shared/viewer.ts';
import { decodeHistory } from './history-codec.ts';
import { fromFailureRow, fromSessionRow, type SessionRow } from './rows.ts';

export type Queries = {
  getSession(eventId: string, phase: Phase, sessionId: string): Promise<SessionRow | null>;
  /** The sessions of `phase`, oldest first. */
  listSessions(eventId: string, phase: Phase): Promise<SessionRow[]>;
  /** History buckets starting at or after `sinceMs` (all when omitted), oldest first; `t` in ms. */
  viewerHistory(eventId: string, phase: Phase, sessionId: string, sinceMs?: number): Promise<HistoryRow[]>;
  /** The newest `limit` ticks with `t >= sinceMs`, returned oldest first. */
  ticks(eventId: string, phase: Phase, sinceMs: number, limit: number): Promise<Tick[]>;
  /** The newest `limit` failures, newest first. */
  recentFailures(eventId: string, phase: Phase, limit: number, sessionId?: string): Promise<FailureRecord[]>;
  /** Failures of the phase by category. */
  failureCounts(eventId: string, phase: Phase): Promise<Partial<Record<FailureCategory, number>>>;
};

export function createQueries(db: Kysely<DB>): Queries {
  return {
    async getSession(eventId, phase, sessionId) {
      const row = await db
        .selectFrom('viewer_sessions')
        .selectAll()
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return row ? fromSessionRow(row) : null;
    },

    async listSessions(eventId, phase) {
      const rows = await db
        .selectFrom('viewer_sessions')
        .selectAll()
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .orderBy('first_seen')
        .orderBy('session_id')
        .execute();
      return rows.map(fromSessionRow);
    },

    async viewerHistory(eventId, phase, sessionId, sinceMs) {
      const rows = await db
        .selectFrom('viewer_history as h')
        .innerJoin('viewer_sessions as s', 's.ref', 'h.session_ref')
        .selectAll('h')
        .where('s.event_id', '=', eventId)
        .where('s.phase', '=', phase)
        .where('s.session_id', '=', sessionId)
        .$if(sinceMs !== undefined, (qb) => qb.where('h.t', '>=', Math.ceil((sinceMs ?? 0) / 1000)))
        .orderBy('h.t')
        .execute();
      return rows.map((row) => decodeHistory(eventId, phase, sessionId, row));
    },

    async ticks(eventId, phase, sinceMs, limit) {
      const rows = await db
        .selectFrom('ticks')
        .select('body')
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .where('t', '>=', sinceMs)
        .orderBy('t', 'desc')
        .limit(limit)
        .execute();
      return rows.reverse().map((r) => JSON.parse(r.body) as Tick);
    },

    async recentFailures(eventId, phase, limit, sessionId) {
      const rows = await db
        .selectFrom('failures')
        .select(['session_id', 'category', 't', 'browser', 'os', 'evidence'])
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .$if(sessionId !== undefined, (qb) => qb.where('session_id', '=', sessionId as string))
        .orderBy('t', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(fromFailureRow);
    },

    async failureCounts(eventId, phase) {
      const rows = await db
        .selectFrom('failures')
        .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .groupBy('category')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.category as FailureCategory, Number(r.n)]));
    },
  };
}

/**
 * Bytes the database occupies: SQLite pages in use (`page_count × page_size`, including free pages),
 * or, on PostgreSQL, the total size of the tables and indexes in the current schema.
 */
export async function storedBytes(storage: Pick<Storage, 'db' | 'dialect'>): Promise<number> {
  const query =
    storage.dialect === 'sqlite'
      ? sql<{ bytes: number }>`select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`
      : sql<{ bytes: number }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as bytes
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relkind = 'r'`;
  const { rows } = await query.execute(storage.db);
  return Number(rows[0]?.bytes ?? 0);
}
