/**
 * @module Initial schema: events, viewer sessions and their 10 s history, ticks, failures. Units in
 * server/db/schema.ts.
 */
import { sql } from 'kysely';
import type { KansokuMigration } from './index.ts';

export const init: KansokuMigration = {
  async up(db, dialect) {
    await db.schema
      .createTable('events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('scheduled_start', 'text') // ISO 8601 as entered
      .addColumn('scheduled_start_ms', 'bigint') // ms since epoch
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('sora', 'text') // JSON
      .addColumn('discord', 'text', (c) => c.notNull()) // JSON
      .addColumn('created_at', 'bigint', (c) => c.notNull()) // ms since epoch
      .addColumn('updated_at', 'bigint', (c) => c.notNull()) // ms since epoch
      .execute();

    await db.schema
      .createTable('viewer_sessions')
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('session_id', 'text', (c) => c.notNull())
      // PostgreSQL numbers it with an identity; SQLite with the trigger below (rowids are renumbered by VACUUM).
      .addColumn('ref', 'integer', (c) =>
        dialect === 'postgres' ? c.notNull().unique().generatedByDefaultAsIdentity() : c.unique(),
      )
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('browser', 'text', (c) => c.notNull())
      .addColumn('browser_version', 'text', (c) => c.notNull())
      .addColumn('os', 'text', (c) => c.notNull())
      .addColumn('first_seen', 'bigint', (c) => c.notNull()) // ms since epoch
      .addColumn('last_seen', 'bigint', (c) => c.notNull()) // ms since epoch
      .addColumn('last_seq', 'bigint', (c) => c.notNull()) // highest stored sample seq
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('codec', 'text')
      .addColumn('ttff_ms', 'integer') // ms
      .addColumn('failure_category', 'text')
      .addPrimaryKeyConstraint('viewer_sessions_pk', ['event_id', 'session_id'])
      .execute();
    if (dialect === 'sqlite') {
      await sql`CREATE TRIGGER viewer_sessions_assign_ref AFTER INSERT ON viewer_sessions
        FOR EACH ROW WHEN NEW.ref IS NULL BEGIN
          UPDATE viewer_sessions SET ref = (SELECT coalesce(max(ref), 0) + 1 FROM viewer_sessions) WHERE rowid = NEW.rowid;
        END`.execute(db);
    }

    // Compact on purpose (≤ 50 KB per viewer-hour): small integers, encoding in server/storage/history-codec.ts.
    await db.schema
      .createTable('viewer_history')
      .addColumn('session_ref', 'integer', (c) => c.notNull().references('viewer_sessions.ref').onDelete('cascade'))
      .addColumn('t', 'bigint', (c) => c.notNull()) // bucket start, s since epoch
      .addColumn('state', 'smallint', (c) => c.notNull()) // index into VIEWER_STATES
      .addColumn('kbps', 'integer') // kbit/s
      .addColumn('loss_bp', 'smallint') // basis points
      .addColumn('jitter_ms', 'integer') // ms
      .addColumn('jitter_buffer_ms', 'integer') // ms
      .addColumn('rtt_ms', 'integer') // ms
      .addColumn('fps_x10', 'smallint') // frames/s × 10
      .addColumn('height', 'smallint') // px
      .addColumn('freezes', 'smallint', (c) => c.notNull()) // count
      .addColumn('freeze_ms', 'integer', (c) => c.notNull()) // ms
      .addColumn('conceal_bp', 'smallint') // basis points
      .addColumn('band', 'smallint') // index into QUALITY_BANDS
      .addPrimaryKeyConstraint('viewer_history_pk', ['session_ref', 't'])
      .$call((b) => (dialect === 'sqlite' ? b.modifyEnd(sql`WITHOUT ROWID`) : b))
      .execute();

    await db.schema
      .createTable('ticks')
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('t', 'bigint', (c) => c.notNull()) // ms since epoch
      .addColumn('body', 'text', (c) => c.notNull()) // JSON of the Tick
      .addPrimaryKeyConstraint('ticks_pk', ['event_id', 'phase', 't'])
      .execute();

    await db.schema
      .createTable('failures')
      // SQLite: INTEGER PRIMARY KEY is the rowid, numbered automatically.
      .addColumn('id', 'integer', (c) =>
        dialect === 'postgres' ? c.generatedByDefaultAsIdentity().primaryKey() : c.primaryKey(),
      )
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('t', 'bigint', (c) => c.notNull()) // ms since epoch
      .addColumn('browser', 'text', (c) => c.notNull())
      .addColumn('os', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull()) // JSON: stage, code, reason, title, message
      .execute();
    await db.schema.createIndex('failures_event_phase_t').on('failures').columns(['event_id', 'phase', 't']).execute();
  },
};
