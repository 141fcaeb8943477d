/** @module QuestionWriter: coalesced, ordered writes; snapshots kept; registration diffs; retry after a failure. */
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import type { Question } from '../../../../shared/question.ts';
import type { Timers } from '../../../../server/clock.ts';
import type { Registration } from '../../../../server/questions/question-book.ts';
import type { QuestionRow, QuestionStore } from '../../../../server/questions/question-store.ts';
import { createQuestionWriter } from '../../../../server/questions/question-writer.ts';
import { makeQuestion } from '../../../helpers/question-factory.ts';

function manualTimers() {
  const due = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (fn) => (due.set(++next, fn), next),
    clearTimeout: (handle) => void due.delete(handle as number),
    setInterval: () => 0,
    clearInterval: () => undefined,
  };
  return { timers, pending: () => due.size, fire: () => [...due].forEach(([id, fn]) => (due.delete(id), fn())) };
}

function recordingStore(options: { failUpserts?: number } = {}) {
  let failures = options.failUpserts ?? 0;
  const upserts: QuestionRow[][] = [];
  const registrationChanges: Array<{ eventId: string; add: readonly Registration[]; remove: readonly Registration[] }> =
    [];
  const store: QuestionStore = {
    load: async () => ({ questions: [], registrations: [] }),
    upsert: async (rows) => {
      if (failures-- > 0) throw new Error('database is down');
      if (rows.length > 0) upserts.push([...rows]);
    },
    changeRegistrations: async (eventId, add, remove) => void registrationChanges.push({ eventId, add, remove }),
    snapshot: async () => null,
    purge: async () => 0,
  };
  return { store, upserts, registrationChanges };
}

const question = (id: string, patch: Partial<Question> = {}): Question =>
  makeQuestion({ id, eventId: 'evt-1', content: id, ...patch });
const logger = pino({ level: 'silent' });

describe('createQuestionWriter', () => {
  test('coalesces changes per question until the timer fires; keeps the snapshot of the first insert', async () => {
    const { store, upserts } = recordingStore();
    const clock = manualTimers();
    const writer = createQuestionWriter({ store, timers: clock.timers, logger });
    writer.question(question('report-1'), '{"samples":[]}');
    writer.question(question('report-1', { answered: true }));
    writer.question(question('web-2'));
    expect(clock.pending()).toBe(1);
    clock.fire();
    await writer.flush();
    expect(upserts).toEqual([
      [
        { question: question('report-1', { answered: true }), snapshot: '{"samples":[]}' },
        { question: question('web-2') },
      ],
    ]);
  });

  test('writes registrations as a diff against what was loaded', async () => {
    const { store, registrationChanges } = recordingStore();
    const writer = createQuestionWriter({ store, timers: manualTimers().timers, logger });
    const a = { key: 'discord:1', messageId: '10' };
    const b = { key: 'discord:2', messageId: '11' };
    const c = { key: 'web:s', messageId: null };
    writer.loaded('evt-1', [a, b]);
    writer.registrations('evt-1', [a, c]);
    await writer.flush();
    writer.registrations('evt-1', [a, c]);
    await writer.flush();
    expect(registrationChanges).toEqual([
      { eventId: 'evt-1', add: [c], remove: [b] },
      { eventId: 'evt-1', add: [], remove: [] },
    ]);
  });

  test('a failed write is retried later without losing a newer change', async () => {
    const { store, upserts } = recordingStore({ failUpserts: 1 });
    const clock = manualTimers();
    const writer = createQuestionWriter({ store, timers: clock.timers, logger });
    writer.question(question('report-1'), 'snap');
    await writer.flush();
    expect(upserts).toEqual([]);
    expect(clock.pending()).toBe(1); // the retry
    writer.question(question('report-1', { hidden: true }));
    clock.fire();
    await writer.flush();
    expect(upserts).toEqual([[{ question: question('report-1', { hidden: true }), snapshot: 'snap' }]]);
  });

  test('run() is ordered after queued writes; forget() drops pending rows; close() flushes and stops the timer', async () => {
    const { store, upserts } = recordingStore();
    const clock = manualTimers();
    const writer = createQuestionWriter({ store, timers: clock.timers, logger });
    const order: string[] = [];
    writer.question(question('web-1'));
    const flushed = writer.flush().then(() => order.push('flush'));
    await writer.run(async () => void order.push('task'));
    await flushed;
    expect(order).toEqual(['flush', 'task']);

    writer.question(question('web-2'));
    writer.forget(['evt-1']);
    writer.question(question('web-3', { eventId: 'evt-2' }));
    await writer.close();
    expect(upserts.flat().map((row) => row.question.id)).toEqual(['web-1', 'web-3']);
    expect(clock.pending()).toBe(0);
    writer.question(question('web-4'));
    expect(clock.pending()).toBe(0);
  });
});
