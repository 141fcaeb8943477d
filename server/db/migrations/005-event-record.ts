/**
 * @module The event record: a viewing session is kept per phase (primary key event, phase, session) with what a
 * restart needs to continue it — funnel stage and times, the latest sample (cumulative counters), the failure
 * standing against it, how and when it ended, and how often it connected. SQLite cannot change a primary key, so
 * the table is rebuilt (the documented 12-step way, foreign keys off); PostgreSQL alters it in place.
 */
import { sql, type Kysely } from 'kysely';
import type { KansokuMigration } from './index.ts';

const NEW_COLUMNS = [
  'stage text', // FunnelStage
  "stage_times text not null default '{}'", // JSON: stage → ms (viewer's clock)
  'checkpoint text', // JSON: newest StatsSample
  'failure text', // JSON: FailureReport
  'ended_at bigint', // ms since epoch
  'ending text', // SessionEnding
  'connects integer not null default 1', // count
];

async function rebuildSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  await db.transaction().execute(async (trx) => {
    await sql`CREATE TABLE viewer_sessions_new (
      event_id text not null references events(id) on delete cascade,
      session_id text not null,
      ref integer unique,
      phase text not null,
      browser text not null,
      browser_version text not null,
      os text not null,
      first_seen bigint not null,
      last_seen bigint not null,
      last_seq bigint not null,
      state text not null,
      codec text,
      ttff_ms integer,
      failure_category text,
      ${sql.raw(NEW_COLUMNS.join(',\n      '))},
      constraint viewer_sessions_pk primary key (event_id, phase, session_id)
    )`.execute(trx);
    await sql`INSERT INTO viewer_sessions_new (event_id, session_id, ref, phase, browser, browser_version, os, first_seen,
        last_seen, last_seq, state, codec, ttff_ms, failure_category)
      SELECT event_id, session_id, ref, phase, browser, browser_version, os, first_seen, last_seen, last_seq, state, codec,
        ttff_ms, failure_category FROM viewer_sessions`.execute(trx);
    await sql`DROP TABLE viewer_sessions`.execute(trx);
    await sql`ALTER TABLE viewer_sessions_new RENAME TO viewer_sessions`.execute(trx);
    await sql`CREATE TRIGGER viewer_sessions_assign_ref AFTER INSERT ON viewer_sessions
      FOR EACH ROW WHEN NEW.ref IS NULL BEGIN
        UPDATE viewer_sessions SET ref = (SELECT coalesce(max(ref), 0) + 1 FROM viewer_sessions) WHERE rowid = NEW.rowid;
      END`.execute(trx);
    const { rows } = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(trx);
    if (rows.length > 0)
      throw new Error(`foreign key check failed after rebuilding viewer_sessions (${rows.length} rows)`);
  });
  await sql`PRAGMA foreign_keys = ON`.execute(db);
}

async function alterPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE viewer_sessions DROP CONSTRAINT viewer_sessions_pk`.execute(db);
  await sql`ALTER TABLE viewer_sessions ADD CONSTRAINT viewer_sessions_pk PRIMARY KEY (event_id, phase, session_id)`.execute(
    db,
  );
  for (const column of NEW_COLUMNS) await sql`ALTER TABLE viewer_sessions ADD COLUMN ${sql.raw(column)}`.execute(db);
}

export const eventRecord: KansokuMigration = {
  async up(db, dialect) {
    if (dialect === 'sqlite') await rebuildSqlite(db);
    else await alterPostgres(db);
  },
};
