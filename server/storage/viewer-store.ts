/** @module Writes viewer sessions and their 10 s history (inside the caller's transaction). */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { HistoryRow } from '../../shared/viewer.ts';
import { encodeHistory } from './history-codec.ts';
import { chunked, lastPerKey, toSessionInsert, type SessionRow } from './rows.ts';

type SessionKey = { eventId: string; phase: string; sessionId: string };
const sessionKey = (k: SessionKey): string => `${k.eventId}\u0000${k.phase}\u0000${k.sessionId}`;

/** Duplicates of one session in a batch collapse into one row: newest values, earliest `firstSeen`. */
function mergeSessions(rows: readonly SessionRow[]): SessionRow[] {
  const merged = new Map<string, SessionRow>();
  for (const row of rows) {
    const key = sessionKey(row);
    const prev = merged.get(key);
    if (!prev) {
      merged.set(key, row);
      continue;
    }
    const firstSeen = Math.min(prev.firstSeen, row.firstSeen);
    merged.set(key, {
      ...row,
      firstSeen,
      lastSeen: Math.max(prev.lastSeen, row.lastSeen),
      lastSeq: Math.max(prev.lastSeq, row.lastSeq),
    });
  }
  return [...merged.values()];
}

/**
 * Inserts new sessions and updates known ones; `first_seen` keeps its first value, `last_seen`/`last_seq` never go
 * back.
 */
export async function upsertSessionRows(db: Kysely<DB>, rows: readonly SessionRow[]): Promise<void> {
  for (const chunk of chunked(mergeSessions(rows).map(toSessionInsert))) {
    await db
      .insertInto('viewer_sessions')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['event_id', 'phase', 'session_id']).doUpdateSet((eb) => ({
          browser: eb.ref('excluded.browser'),
          browser_version: eb.ref('excluded.browser_version'),
          os: eb.ref('excluded.os'),
          state: eb.ref('excluded.state'),
          codec: eb.ref('excluded.codec'),
          ttff_ms: eb.ref('excluded.ttff_ms'),
          failure_category: eb.ref('excluded.failure_category'),
          stage: eb.ref('excluded.stage'),
          stage_times: eb.ref('excluded.stage_times'),
          checkpoint: eb.ref('excluded.checkpoint'),
          failure: eb.ref('excluded.failure'),
          ended_at: eb.ref('excluded.ended_at'),
          ending: eb.ref('excluded.ending'),
          connects: eb.ref('excluded.connects'),
          totals: eb.ref('excluded.totals'),
          // Monotonic, so a late or repeated flush cannot move them back (portable stand-in for greatest()).
          last_seen: eb
            .case()
            .when('excluded.last_seen', '>', eb.ref('viewer_sessions.last_seen'))
            .then(eb.ref('excluded.last_seen'))
            .else(eb.ref('viewer_sessions.last_seen'))
            .end(),
          last_seq: eb
            .case()
            .when('excluded.last_seq', '>', eb.ref('viewer_sessions.last_seq'))
            .then(eb.ref('excluded.last_seq'))
            .else(eb.ref('viewer_sessions.last_seq'))
            .end(),
        })),
      )
      .execute();
  }
}

/** `viewer_sessions.ref` for each (event, phase, session), keyed by `sessionKey`. */
async function sessionRefs(db: Kysely<DB>, rows: readonly HistoryRow[]): Promise<Map<string, number>> {
  const groups = new Map<string, { eventId: string; phase: HistoryRow['phase']; ids: Set<string> }>();
  for (const r of rows) {
    const key = `${r.eventId}\u0000${r.phase}`;
    const group = groups.get(key) ?? { eventId: r.eventId, phase: r.phase, ids: new Set<string>() };
    groups.set(key, group);
    group.ids.add(r.sessionId);
  }
  const refs = new Map<string, number>();
  for (const { eventId, phase, ids } of groups.values()) {
    for (const chunk of chunked([...ids].map((id) => ({ id })))) {
      const found = await db
        .selectFrom('viewer_sessions')
        .select(['session_id', 'ref'])
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .where(
          'session_id',
          'in',
          chunk.map((c) => c.id),
        )
        .execute();
      for (const f of found) refs.set(sessionKey({ eventId, phase, sessionId: f.session_id }), f.ref);
    }
  }
  return refs;
}

/**
 * Stores history buckets; a bucket written again replaces the earlier one.
 * Every row's session must exist already (or be upserted earlier in the same transaction).
 */
export async function insertHistoryRows(db: Kysely<DB>, rows: readonly HistoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const refs = await sessionRefs(db, rows);
  const encoded = rows.map((row) => {
    const ref = refs.get(sessionKey(row));
    if (ref === undefined)
      throw new Error(`history for unknown viewer session ${row.eventId}/${row.phase}/${row.sessionId}`);
    return { session_ref: ref, ...encodeHistory(row) };
  });
  for (const chunk of chunked(lastPerKey(encoded, (r) => `${r.session_ref}:${r.t}`))) {
    await db
      .insertInto('viewer_history')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['session_ref', 't']).doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          kbps: eb.ref('excluded.kbps'),
          loss_bp: eb.ref('excluded.loss_bp'),
          jitter_ms: eb.ref('excluded.jitter_ms'),
          jitter_buffer_ms: eb.ref('excluded.jitter_buffer_ms'),
          rtt_ms: eb.ref('excluded.rtt_ms'),
          fps_x10: eb.ref('excluded.fps_x10'),
          height: eb.ref('excluded.height'),
          freezes: eb.ref('excluded.freezes'),
          freeze_ms: eb.ref('excluded.freeze_ms'),
          conceal_bp: eb.ref('excluded.conceal_bp'),
          band: eb.ref('excluded.band'),
        })),
      )
      .execute();
  }
}
