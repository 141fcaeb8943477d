/**
 * @module Running report totals per viewing session (server/report/session-totals.ts): band and watching buckets,
 * frozen time, picture and loss sums, problem kinds — folded in as each history bucket is written, so a report
 * reads one row per session. Null for sessions recorded before this migration (the report folds their history).
 */
import type { KansokuMigration } from './index.ts';

export const sessionTotals: KansokuMigration = {
  async up(db) {
    await db.schema.alterTable('viewer_sessions').addColumn('totals', 'text').execute(); // JSON: SessionTotals
  },
};
