/**
 * @module Each event's question book, loaded from storage on first use: applies source events, viewer questions
 * and host actions, then hands every change to the writer and to the dashboards (via `onChange`).
 */
import type { Question, QuestionAction } from '../../shared/question.ts';
import type { Logger } from '../logger.ts';
import { createQuestionBook, type BookChange, type QuestionBook } from './question-book.ts';
import type { QuestionEvent } from './question-event.ts';
import { patternError } from './question-policy.ts';
import type { QuestionStore } from './question-store.ts';
import type { QuestionWriter } from './question-writer.ts';

export type QuestionsChange =
  { kind: 'new' | 'updated'; question: Question } | { kind: 'registrations'; eventId: string; count: number };

export type QuestionBooksOptions = {
  store: QuestionStore;
  writer: QuestionWriter;
  logger: Logger;
  /** The event's registration pattern right now (null when unset, unknown or invalid). */
  patternOf(eventId: string): string | null;
  onChange(change: QuestionsChange): void;
};

export type QuestionBooks = {
  /** The event's book, loaded on first use (at most once, even when asked concurrently). */
  book(eventId: string): Promise<QuestionBook>;
  /** A source event for a loaded book; dropped (and logged) when the book is not loaded. */
  apply(eventId: string, event: QuestionEvent): void;
  /** Adds a viewer's question; resolves once it is stored. */
  add(question: Question, snapshot?: string): Promise<Question>;
  /** Applies a host action; null when the question is unknown. `changed` is false when it already was so. */
  act(
    eventId: string,
    questionId: string,
    action: QuestionAction,
  ): Promise<{ question: Question; changed: boolean } | null>;
  /** Rebuilds a loaded book when the event's registration pattern changed (host state and votes are kept). */
  syncPattern(eventId: string): void;
  /** Forgets the events' questions in memory (after their rows were purged). */
  reset(eventIds: readonly string[]): void;
  /** Drops the event's book so its next use reads it again (another process of a cluster changed it). */
  reload(eventId: string): void;
};

type Entry = { book: QuestionBook; pattern: string | null };

export function createQuestionBooks(options: QuestionBooksOptions): QuestionBooks {
  const { store, writer } = options;
  const loading = new Map<string, Promise<Entry>>();
  const loaded = new Map<string, Entry>();

  const validPattern = (eventId: string): string | null => {
    const pattern = options.patternOf(eventId);
    return patternError(pattern) === null ? pattern : null;
  };

  function emptyEntry(eventId: string): Entry {
    const pattern = validPattern(eventId);
    return { book: createQuestionBook({ eventId, registrationPattern: pattern }), pattern };
  }

  async function load(eventId: string): Promise<Entry> {
    const stored = await store.load(eventId);
    const pattern = validPattern(eventId);
    const book = createQuestionBook({
      eventId,
      registrationPattern: pattern,
      initial: stored.questions,
      initialRegistrations: stored.registrations,
    });
    writer.loaded(eventId, stored.registrations);
    const entry = { book, pattern };
    loaded.set(eventId, entry);
    return entry;
  }

  function handle(eventId: string, book: QuestionBook, change: BookChange): void {
    if (change.kind === 'none') return;
    if (change.kind === 'registrations') {
      writer.registrations(eventId, book.registrationEntries());
      options.onChange({ kind: 'registrations', eventId, count: change.count });
      return;
    }
    writer.question(change.question);
    options.onChange(change);
  }

  const entryOf = (eventId: string): Promise<Entry> => {
    let pending = loading.get(eventId);
    if (pending === undefined) {
      pending = load(eventId);
      loading.set(eventId, pending);
      pending.catch(() => loading.delete(eventId)); // a failed load is retried on next use
    }
    return pending;
  };

  return {
    book: async (eventId) => (await entryOf(eventId)).book,
    apply(eventId, event) {
      const entry = loaded.get(eventId);
      if (entry === undefined)
        return void options.logger.warn({ eventId, type: event.type }, 'question event for an unloaded event');
      handle(eventId, entry.book, entry.book.apply(event));
    },
    async add(question, snapshot) {
      const { book } = await entryOf(question.eventId);
      const change = book.add(question);
      if (change.kind === 'none') return book.get(question.id) ?? question;
      writer.question(question, snapshot);
      await writer.flush();
      options.onChange({ kind: 'new', question });
      return question;
    },
    async act(eventId, questionId, action) {
      const { book } = await entryOf(eventId);
      const before = book.get(questionId);
      const after = book.act(questionId, action);
      if (after === null) return null;
      const changed = after !== before;
      if (changed) handle(eventId, book, { kind: 'updated', question: after });
      return { question: after, changed };
    },
    syncPattern(eventId) {
      const entry = loaded.get(eventId);
      const pattern = validPattern(eventId);
      if (entry === undefined || entry.pattern === pattern) return;
      entry.book = createQuestionBook({
        eventId,
        registrationPattern: pattern,
        initial: entry.book.list(),
        initialRegistrations: entry.book.registrationEntries(),
      });
      entry.pattern = pattern;
    },
    reload(eventId) {
      loaded.delete(eventId);
      loading.delete(eventId);
    },
    reset(eventIds) {
      for (const eventId of eventIds) {
        const entry = loaded.get(eventId);
        if (entry !== undefined) Object.assign(entry, emptyEntry(eventId));
      }
    },
  };
}
