/**
 * @module Report totals per session: the running totals stored with each session, or — for sessions recorded before
 * totals were kept — its 10 s history folded by the same rules (server/report/session-totals.ts), a few hundred
 * sessions per query so memory stays bounded.
 */
import type { Kysely } from 'kysely';
import type { Phase } from '../../shared/event.ts';
import type { DB } from '../db/schema.ts';
import type { EncodedHistory } from '../storage/history-codec.ts';
import type { HistoryAggregate } from './report-input.ts';
import { aggregateOf, totalsOf, type SessionTotals } from './session-totals.ts';

/** Sessions whose history one query folds (≈ 720 rows each for two hours). */
const LEGACY_SESSIONS_PER_QUERY = 200;

/** A session as read for a report: its id, and its stored totals as JSON text (null when never kept). */
export type TotalsRow = { session_id: string; totals: string | null };

async function foldLegacy(
  db: Kysely<DB>,
  eventId: string,
  phase: Phase,
  ids: readonly string[],
): Promise<Map<string, HistoryAggregate>> {
  const out = new Map<string, HistoryAggregate>();
  for (let i = 0; i < ids.length; i += LEGACY_SESSIONS_PER_QUERY) {
    const rows = await db
      .selectFrom('viewer_history as h')
      .innerJoin('viewer_sessions as s', 's.ref', 'h.session_ref')
      .select([
        's.session_id',
        'h.t',
        'h.state',
        'h.kbps',
        'h.loss_bp',
        'h.jitter_ms',
        'h.jitter_buffer_ms',
        'h.rtt_ms',
        'h.fps_x10',
        'h.height',
        'h.freezes',
        'h.freeze_ms',
        'h.conceal_bp',
        'h.band',
      ])
      .where('s.event_id', '=', eventId)
      .where('s.phase', '=', phase)
      .where('s.session_id', 'in', ids.slice(i, i + LEGACY_SESSIONS_PER_QUERY))
      .execute();
    const buckets = new Map<string, EncodedHistory[]>();
    for (const { session_id, ...h } of rows) {
      const list = buckets.get(session_id) ?? [];
      list.push(h);
      buckets.set(session_id, list);
    }
    for (const [id, list] of buckets) out.set(id, aggregateOf(totalsOf(list)));
  }
  return out;
}

/** Per session id; sessions without stored buckets are absent. */
export async function sessionAggregates(
  db: Kysely<DB>,
  eventId: string,
  phase: Phase,
  rows: readonly TotalsRow[],
): Promise<Map<string, HistoryAggregate>> {
  const out = new Map<string, HistoryAggregate>();
  const legacy: string[] = [];
  for (const row of rows) {
    if (row.totals === null) legacy.push(row.session_id);
    else {
      const totals = JSON.parse(row.totals) as SessionTotals;
      if (totals.last !== null) out.set(row.session_id, aggregateOf(totals));
    }
  }
  if (legacy.length > 0)
    for (const [id, aggregate] of await foldLegacy(db, eventId, phase, legacy)) out.set(id, aggregate);
  return out;
}
