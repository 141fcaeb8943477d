/**
 * @module Stores questions and registrations (tables `questions`, `question_registrations`, migration 004);
 * rows come back as `Question` / `Registration`. The only place that maps between rows and domain types.
 */
import type { Kysely } from 'kysely';
import type { Question, QuestionSource } from '../../shared/question.ts';
import type { DB } from '../db/schema.ts';
import type { Registration } from './question-book.ts';

export interface QuestionsTable {
  event_id: string;
  id: string;
  source: QuestionSource;
  message_id: string | null;
  author_name: string;
  avatar_url: string | null;
  content: string;
  /** ms since epoch. */
  created_at: number;
  /** ms since epoch. */
  edited_at: number | null;
  /** 0/1 flags. */
  deleted: number;
  /** Distinct voters (count). */
  votes: number;
  answered: number;
  pinned: number;
  hidden: number;
  /** JSON of `StoredSnapshot` for reports, else null. */
  snapshot: string | null;
}

export interface QuestionRegistrationsTable {
  event_id: string;
  key: string;
  /** Discord message id, or '' for an explicit registration. */
  ref: string;
}

/** A row to upsert; `snapshot` (JSON) is written on insert only and never overwritten. */
export type QuestionRow = { question: Question; snapshot?: string };

export type QuestionStore = {
  load(eventId: string): Promise<{ questions: Question[]; registrations: Registration[] }>;
  upsert(rows: readonly QuestionRow[]): Promise<void>;
  /** Inserts and deletes registration rows of one event. */
  changeRegistrations(eventId: string, add: readonly Registration[], remove: readonly Registration[]): Promise<void>;
  /** The stored snapshot JSON of a report question, or null. */
  snapshot(eventId: string, questionId: string): Promise<string | null>;
  /** Deletes every question and registration of these events; returns the number of questions deleted. */
  purge(eventIds: readonly string[]): Promise<number>;
};

const flag = (value: boolean): number => (value ? 1 : 0);
const refOf = (registration: Registration): string => registration.messageId ?? '';

function toRow(eventId: string, q: Question): Omit<QuestionsTable, 'snapshot'> {
  return {
    event_id: eventId,
    id: q.id,
    source: q.source,
    message_id: q.messageId,
    author_name: q.author.name,
    avatar_url: q.author.avatarUrl,
    content: q.content,
    created_at: q.createdAt,
    edited_at: q.editedAt,
    deleted: flag(q.deleted),
    votes: q.votes,
    answered: flag(q.answered),
    pinned: flag(q.pinned),
    hidden: flag(q.hidden),
  };
}

function fromRow(r: Omit<QuestionsTable, 'snapshot'>): Question {
  return {
    id: r.id,
    eventId: r.event_id,
    source: r.source,
    messageId: r.message_id,
    author: { name: r.author_name, avatarUrl: r.avatar_url },
    content: r.content,
    createdAt: Number(r.created_at),
    editedAt: r.edited_at === null ? null : Number(r.edited_at),
    deleted: Number(r.deleted) === 1,
    votes: Number(r.votes),
    answered: Number(r.answered) === 1,
    pinned: Number(r.pinned) === 1,
    hidden: Number(r.hidden) === 1,
  };
}

export function createQuestionStore(base: Kysely<DB>): QuestionStore {
  const db = base.withTables<{ questions: QuestionsTable; question_registrations: QuestionRegistrationsTable }>();
  const columns = [
    'event_id',
    'id',
    'source',
    'message_id',
    'author_name',
    'avatar_url',
    'content',
    'created_at',
    'edited_at',
    'deleted',
    'votes',
    'answered',
    'pinned',
    'hidden',
  ] as const;
  return {
    async load(eventId) {
      const rows = await db.selectFrom('questions').select(columns).where('event_id', '=', eventId).execute();
      const regs = await db
        .selectFrom('question_registrations')
        .select(['key', 'ref'])
        .where('event_id', '=', eventId)
        .execute();
      return {
        questions: rows.map(fromRow),
        registrations: regs.map((r) => ({ key: r.key, messageId: r.ref === '' ? null : r.ref })),
      };
    },
    async upsert(rows) {
      if (rows.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const { question, snapshot } of rows) {
          await trx
            .insertInto('questions')
            .values({ ...toRow(question.eventId, question), snapshot: snapshot ?? null })
            .onConflict((oc) =>
              oc.columns(['event_id', 'id']).doUpdateSet((eb) => ({
                author_name: eb.ref('excluded.author_name'),
                avatar_url: eb.ref('excluded.avatar_url'),
                content: eb.ref('excluded.content'),
                edited_at: eb.ref('excluded.edited_at'),
                deleted: eb.ref('excluded.deleted'),
                votes: eb.ref('excluded.votes'),
                answered: eb.ref('excluded.answered'),
                pinned: eb.ref('excluded.pinned'),
                hidden: eb.ref('excluded.hidden'),
              })),
            )
            .execute();
        }
      });
    },
    async changeRegistrations(eventId, add, remove) {
      if (add.length === 0 && remove.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const r of remove) {
          await trx
            .deleteFrom('question_registrations')
            .where('event_id', '=', eventId)
            .where('key', '=', r.key)
            .where('ref', '=', refOf(r))
            .execute();
        }
        for (const r of add) {
          await trx
            .insertInto('question_registrations')
            .values({ event_id: eventId, key: r.key, ref: refOf(r) })
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
      });
    },
    async snapshot(eventId, questionId) {
      const row = await db
        .selectFrom('questions')
        .select('snapshot')
        .where('event_id', '=', eventId)
        .where('id', '=', questionId)
        .executeTakeFirst();
      return row?.snapshot ?? null;
    },
    async purge(eventIds) {
      if (eventIds.length === 0) return 0;
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('question_registrations').where('event_id', 'in', eventIds).execute();
        const result = await trx.deleteFrom('questions').where('event_id', 'in', eventIds).executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },
  };
}

/** Exported for the registration diff in question-writer.ts. */
export const registrationKey = (r: Registration): string => `${r.key}\u0000${refOf(r)}`;
