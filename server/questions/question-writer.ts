/**
 * @module Writes question changes behind the book: coalesced per question, flushed shortly after the first change
 * (and on demand), one write at a time in order. Registrations are written as a diff against what is stored.
 */
import type { Question } from '../../shared/question.ts';
import type { Timers } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Registration } from './question-book.ts';
import { registrationKey, type QuestionRow, type QuestionStore } from './question-store.ts';

export type QuestionWriter = {
  /** Remembers what storage holds for an event (its loaded registrations), so later writes are diffs. */
  loaded(eventId: string, registrations: readonly Registration[]): void;
  question(question: Question, snapshot?: string): void;
  /** The event's full registration set after a change. */
  registrations(eventId: string, entries: readonly Registration[]): void;
  /** Writes everything pending; resolves when it is stored (or the failure was logged). */
  flush(): Promise<void>;
  /** Runs `task` in the write order, after everything queued before it (e.g. a purge). */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Drops what is pending or remembered for these events (they were purged). */
  forget(eventIds: readonly string[]): void;
  close(): Promise<void>;
};

export type QuestionWriterOptions = { store: QuestionStore; timers: Timers; logger: Logger; delayMs?: number };

/** Wait after a failed write (e.g. the database is down) before the next attempt. */
const RETRY_MS = 5_000;

const questionKey = (q: Question): string => `${q.eventId}\u0000${q.id}`;

export function createQuestionWriter(options: QuestionWriterOptions): QuestionWriter {
  const { store, timers, logger } = options;
  const pending = new Map<string, QuestionRow>();
  const pendingRegistrations = new Map<string, readonly Registration[]>();
  /** Event id → registration keys in storage. */
  const stored = new Map<string, Map<string, Registration>>();
  let chain: Promise<unknown> = Promise.resolve();
  let timer: unknown = null;
  let closed = false;

  function schedule(delayMs = options.delayMs ?? 250): void {
    if (timer === null && !closed) timer = timers.setTimeout(() => void flush(), delayMs);
  }

  async function writeRegistrations(eventId: string, entries: readonly Registration[]): Promise<void> {
    const before = stored.get(eventId) ?? new Map<string, Registration>();
    const after = new Map(entries.map((r) => [registrationKey(r), r]));
    const add = [...after].filter(([key]) => !before.has(key)).map(([, r]) => r);
    const remove = [...before].filter(([key]) => !after.has(key)).map(([, r]) => r);
    await store.changeRegistrations(eventId, add, remove);
    stored.set(eventId, after);
  }

  async function write(): Promise<void> {
    const rows = [...pending.values()];
    const registrations = [...pendingRegistrations];
    pending.clear();
    pendingRegistrations.clear();
    try {
      await store.upsert(rows);
    } catch (err) {
      logger.error({ err, rows: rows.length }, 'question write failed; retrying with the next flush');
      // Put back what no newer change has replaced, keeping a snapshot that only the failed row carried.
      for (const row of rows) {
        const newer = pending.get(questionKey(row.question));
        pending.set(questionKey(row.question), newer ? { ...newer, snapshot: newer.snapshot ?? row.snapshot } : row);
      }
      schedule(RETRY_MS);
    }
    for (const [eventId, entries] of registrations) {
      await writeRegistrations(eventId, entries).catch((err: unknown) => {
        logger.error({ err, eventId }, 'registration write failed; retrying with the next flush');
        if (!pendingRegistrations.has(eventId)) pendingRegistrations.set(eventId, entries);
        schedule(RETRY_MS);
      });
    }
  }

  function run<T>(task: () => Promise<T>): Promise<T> {
    const result = chain.then(task);
    chain = result.catch(() => undefined);
    return result;
  }

  function flush(): Promise<void> {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    return run(write);
  }

  return {
    loaded(eventId, registrations) {
      stored.set(eventId, new Map(registrations.map((r) => [registrationKey(r), r])));
    },
    question(question, snapshot) {
      const key = questionKey(question);
      const kept = snapshot ?? pending.get(key)?.snapshot;
      pending.set(key, kept === undefined ? { question } : { question, snapshot: kept });
      schedule();
    },
    registrations(eventId, entries) {
      pendingRegistrations.set(eventId, entries);
      schedule();
    },
    flush,
    run,
    forget(eventIds) {
      for (const eventId of eventIds) {
        stored.delete(eventId);
        pendingRegistrations.delete(eventId);
        for (const [key, row] of pending) if (row.question.eventId === eventId) pending.delete(key);
      }
    },
    async close() {
      await flush();
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
