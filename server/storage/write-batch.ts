/** @module The batched writer: everything one flush produced goes to the database in one transaction. */
import type { Kysely } from 'kysely';
import type { Tick } from '../../shared/tick.ts';
import type { DB } from '../db/schema.ts';
import type { HistoryRow } from '../../shared/viewer.ts';
import { chunked, lastPerKey, toFailureInsert, toTickInsert, type FailureRow, type SessionRow } from './rows.ts';
import { insertHistoryRows, upsertSessionRows } from './viewer-store.ts';

export type WriteBatch = {
  sessions?: readonly SessionRow[];
  history?: readonly HistoryRow[];
  ticks?: readonly Tick[];
  failures?: readonly FailureRow[];
};

export type Writer = {
  /** Writes all given rows in one transaction (sessions first, so history may refer to new sessions). */
  writeBatch(batch: WriteBatch): Promise<void>;
  upsertSessions(rows: readonly SessionRow[]): Promise<void>;
  insertHistory(rows: readonly HistoryRow[]): Promise<void>;
  insertTicks(ticks: readonly Tick[]): Promise<void>;
  insertFailures(rows: readonly FailureRow[]): Promise<void>;
};

/** Stores ticks; a tick written again for the same (event, phase, second) replaces the earlier one. */
async function insertTickRows(db: Kysely<DB>, ticks: readonly Tick[]): Promise<void> {
  const rows = lastPerKey(ticks.map(toTickInsert), (r) => `${r.event_id}\u0000${r.phase}\u0000${r.t}`);
  for (const chunk of chunked(rows)) {
    await db
      .insertInto('ticks')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['event_id', 'phase', 't']).doUpdateSet((eb) => ({ body: eb.ref('excluded.body') })),
      )
      .execute();
  }
}

async function insertFailureRows(db: Kysely<DB>, rows: readonly FailureRow[]): Promise<void> {
  for (const chunk of chunked(rows.map(toFailureInsert))) await db.insertInto('failures').values(chunk).execute();
}

const isEmpty = (b: WriteBatch): boolean =>
  !b.sessions?.length && !b.history?.length && !b.ticks?.length && !b.failures?.length;

/** One transaction with multi-row inserts, chunked under both engines' bind-parameter limits. All or nothing. */
export async function writeBatch(db: Kysely<DB>, batch: WriteBatch): Promise<void> {
  if (isEmpty(batch)) return;
  await db.transaction().execute(async (trx) => {
    if (batch.sessions?.length) await upsertSessionRows(trx, batch.sessions);
    if (batch.history?.length) await insertHistoryRows(trx, batch.history);
    if (batch.ticks?.length) await insertTickRows(trx, batch.ticks);
    if (batch.failures?.length) await insertFailureRows(trx, batch.failures);
  });
}

export function createWriter(db: Kysely<DB>): Writer {
  return {
    writeBatch: (batch) => writeBatch(db, batch),
    upsertSessions: (sessions) => writeBatch(db, { sessions }),
    insertHistory: (history) => writeBatch(db, { history }),
    insertTicks: (ticks) => writeBatch(db, { ticks }),
    insertFailures: (failures) => writeBatch(db, { failures }),
  };
}
