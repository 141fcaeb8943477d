/**
 * @module Pre-flight results, one row per viewing session (the latest check wins): kept even when the viewer
 * never joins, so the host can see which checks stopped people. Written by server/beacon/preflight-store.ts.
 */
import type { KansokuMigration } from './index.ts';

export const preflights: KansokuMigration = {
  async up(db) {
    await db.schema
      .createTable('preflights')
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull()) // event phase when checked
      .addColumn('t', 'bigint', (c) => c.notNull()) // viewer's clock, ms since epoch
      .addColumn('browser', 'text', (c) => c.notNull())
      .addColumn('os', 'text', (c) => c.notNull())
      .addColumn('failed', 'text', (c) => c.notNull()) // comma-separated failing item ids, '' when none
      .addColumn('items', 'text', (c) => c.notNull()) // JSON: [{ id, status, detail? }]
      .addPrimaryKeyConstraint('preflights_pk', ['event_id', 'session_id'])
      .execute();
    await db.schema
      .createIndex('preflights_event_phase_t')
      .on('preflights')
      .columns(['event_id', 'phase', 't'])
      .execute();
  },
};
