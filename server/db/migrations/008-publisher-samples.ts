/**
 * @module The broadcaster's upload: every publisher sample the server acknowledged (acked = stored), so a restarted
 * server shows the upload's history and continues its rates. Written by server/publisher/publisher-store.ts.
 */
import type { KansokuMigration } from './index.ts';

export const publisherSamples: KansokuMigration = {
  async up(db) {
    await db.schema
      .createTable('publisher_samples')
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('phase', 'text', (c) => c.notNull()) // event phase when received
      .addColumn('publisher_id', 'text', (c) => c.notNull()) // chosen by the publisher page per attach
      .addColumn('seq', 'integer', (c) => c.notNull()) // per publisher, from 1
      .addColumn('received_at', 'bigint', (c) => c.notNull()) // server clock when its batch arrived, ms since epoch
      .addColumn('body', 'text', (c) => c.notNull()) // JSON: PublisherSample (cumulative counters, browser time)
      .addColumn('ended', 'integer', (c) => c.notNull().defaultTo(0)) // 1: the page stopped publishing after it
      .addPrimaryKeyConstraint('publisher_samples_pk', ['event_id', 'phase', 'publisher_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('publisher_samples_event_phase_received')
      .on('publisher_samples')
      .columns(['event_id', 'phase', 'received_at'])
      .execute();
  },
};
