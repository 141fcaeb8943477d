/**
 * @module Post-event reports: the built report per event phase (a cache, rebuilt when the phase's record changes),
 * read-only share links (revocable) and the server's signing key for them. Written by server/report/.
 */
import type { KansokuMigration } from './index.ts';

export const reports: KansokuMigration = {
  async up(db) {
    await db.schema
      .createTable('reports')
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull()) // what the record looked like when built (report-store.ts)
      .addColumn('built_at', 'bigint', (c) => c.notNull()) // ms since epoch
      .addColumn('summary', 'text', (c) => c.notNull()) // JSON: { peakViewers, viewerMinutes, score, from }
      .addColumn('body', 'text', (c) => c.notNull()) // JSON: EventReport
      .addPrimaryKeyConstraint('reports_pk', ['event_id', 'phase'])
      .execute();

    await db.schema
      .createTable('report_shares')
      .addColumn('id', 'text', (c) => c.primaryKey()) // random, URL-safe; the token's first part
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('phase', 'text', (c) => c.notNull()) // the phase the link shows
      .addColumn('created_at', 'bigint', (c) => c.notNull()) // ms since epoch
      .addColumn('expires_at', 'bigint', (c) => c.notNull()) // ms since epoch
      .addColumn('revoked_at', 'bigint') // ms since epoch; null while valid
      .execute();
    await db.schema.createIndex('report_shares_event').on('report_shares').column('event_id').execute();

    await db.schema
      .createTable('server_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey()) // e.g. `share-key`
      .addColumn('value', 'text', (c) => c.notNull()) // base64url
      .addColumn('created_at', 'bigint', (c) => c.notNull()) // ms since epoch
      .execute();
  },
};
