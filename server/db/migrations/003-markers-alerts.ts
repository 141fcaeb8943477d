/**
 * @module Host markers, per-event alert rules and the alert log, all kept for the report.
 * Written by server/markers/marker-store.ts and server/alerts/alert-store.ts.
 */
import type { KansokuMigration } from './index.ts';

export const markersAlerts: KansokuMigration = {
  async up(db, dialect) {
    const identity = dialect === 'postgres';
    await db.schema
      .createTable('markers')
      // SQLite: INTEGER PRIMARY KEY is the rowid, numbered automatically.
      .addColumn('id', 'integer', (c) => (identity ? c.generatedByDefaultAsIdentity().primaryKey() : c.primaryKey()))
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('phase', 'text', (c) => c.notNull()) // event phase when dropped
      .addColumn('t', 'bigint', (c) => c.notNull()) // ms since epoch
      .addColumn('kind', 'text', (c) => c.notNull()) // MarkerKind
      .addColumn('label', 'text', (c) => c.notNull()) // plain text, ≤ 120 characters
      .execute();
    await db.schema.createIndex('markers_event_t').on('markers').columns(['event_id', 't']).execute();

    await db.schema
      .createTable('alert_rules')
      .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
      .addColumn('rules', 'text', (c) => c.notNull()) // JSON: AlertRule[]
      .addColumn('updated_at', 'bigint', (c) => c.notNull()) // ms since epoch
      .execute();

    await db.schema
      .createTable('alert_log')
      .addColumn('id', 'integer', (c) => (identity ? c.generatedByDefaultAsIdentity().primaryKey() : c.primaryKey()))
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull()) // AlertMetric
      .addColumn('direction', 'text', (c) => c.notNull()) // above | below
      .addColumn('kind', 'text', (c) => c.notNull()) // raised | cleared
      .addColumn('t', 'bigint', (c) => c.notNull()) // ms since epoch
      .addColumn('value', 'double precision') // in the metric's unit (ALERT_METRIC_UNITS); null = no data
      .addColumn('threshold', 'double precision', (c) => c.notNull()) // in the metric's unit
      .addColumn('kbps', 'double precision') // low-bitrate-share only: kbit/s
      .addColumn('action', 'text', (c) => c.notNull()) // AlertAction
      .execute();
    await db.schema
      .createIndex('alert_log_event_phase_t')
      .on('alert_log')
      .columns(['event_id', 'phase', 't'])
      .execute();
  },
};
