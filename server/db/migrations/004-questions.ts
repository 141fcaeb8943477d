/**
 * @module Audience questions (Discord, the watch page's form, problem reports) and registrations per event.
 * Written by server/questions/question-store.ts; purged per event after KANSOKU_QUESTION_RETENTION_DAYS.
 */
import type { KansokuMigration } from './index.ts';

export const questions: KansokuMigration = {
  async up(db) {
    await db.schema
      .createTable('questions')
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('id', 'text', (c) => c.notNull()) // `discord-<message id>`, `web-<uuid>`, `report-<uuid>`
      .addColumn('source', 'text', (c) => c.notNull()) // QuestionSource: discord | web | report
      .addColumn('message_id', 'text') // Discord message id (source discord), kept on tombstones to dedupe backfills
      .addColumn('author_name', 'text', (c) => c.notNull()) // display name, plain text; '' when anonymous or deleted
      .addColumn('avatar_url', 'text') // Discord CDN URL (never the image); null when none or deleted
      .addColumn('content', 'text', (c) => c.notNull()) // plain text; '' once deleted
      .addColumn('created_at', 'bigint', (c) => c.notNull()) // ms since epoch
      .addColumn('edited_at', 'bigint') // ms since epoch of the latest applied edit
      .addColumn('deleted', 'smallint', (c) => c.notNull()) // 0/1: withdrawn by its author (tombstone)
      .addColumn('votes', 'integer', (c) => c.notNull()) // distinct non-bot people who reacted (count)
      .addColumn('answered', 'smallint', (c) => c.notNull()) // 0/1, host action
      .addColumn('pinned', 'smallint', (c) => c.notNull()) // 0/1, host action
      .addColumn('hidden', 'smallint', (c) => c.notNull()) // 0/1, host action
      .addColumn('snapshot', 'text') // report only: JSON { sessionId, t, receivedAt, samples (≤ 30 s), browser }
      .addPrimaryKeyConstraint('questions_pk', ['event_id', 'id'])
      .execute();

    // One row per registering message (ref = message id) or explicit registration (ref = ''); count = distinct keys.
    await db.schema
      .createTable('question_registrations')
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull()) // per person, e.g. `discord:<user id>`
      .addColumn('ref', 'text', (c) => c.notNull()) // Discord message id, or '' for an explicit registration
      .addPrimaryKeyConstraint('question_registrations_pk', ['event_id', 'key', 'ref'])
      .execute();
  },
};
