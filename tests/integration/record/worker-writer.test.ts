/**
 * The record writer thread against a real SQLite file: a batch it acknowledges is committed and readable from the
 * main connection; a batch SQLite refuses fails with SQLite's message and code (as an in-process write would) and
 * commits nothing of itself; close lets the sent batches finish first, and nothing is taken after it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Storage } from '../../../server/db/database.ts';
import { createEventStore } from '../../../server/events/event-store.ts';
import { emptyBatch, type RecordBatch } from '../../../server/record/record-batch.ts';
import { createWorkerWriter, type WorkerWriter } from '../../../server/record/worker-writer.ts';
import { eventInput, failureRow, historyRow, sessionRow, T0, tick } from '../db/fixtures.ts';

let dir: string;
let storage: Storage;
let writer: WorkerWriter;
let eventId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kansoku-writer-'));
  storage = await openDatabase({ dataDir: dir });
  if (!storage.file) throw new Error('expected a SQLite file');
  writer = createWorkerWriter(storage.file, pino({ level: 'silent' }));
  eventId = (await createEventStore(storage.db).create(eventInput(), T0)).id;
});

afterEach(async () => {
  await writer.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const batch = (patch: Partial<RecordBatch>): RecordBatch => ({ ...emptyBatch(), ...patch });

it('commits an acknowledged batch in one go, readable from the main connection', async () => {
  await writer.write(
    batch({
      sessions: [sessionRow(eventId, 'viewer-1', { lastSeq: 12 })],
      history: [historyRow(eventId, 'viewer-1', T0), historyRow(eventId, 'viewer-1', T0 + 10_000)],
      ticks: [tick(eventId, 'live', T0)],
      failures: [failureRow(eventId, 'viewer-1', T0 + 1_000)],
    }),
  );
  const db = storage.db;
  expect(await db.selectFrom('viewer_sessions').select(['session_id', 'last_seq']).execute()).toEqual([
    { session_id: 'viewer-1', last_seq: 12 },
  ]);
  expect((await db.selectFrom('viewer_history').select('t').execute()).length).toBe(2);
  expect((await db.selectFrom('ticks').select('t').execute()).length).toBe(1);
  expect((await db.selectFrom('failures').select('id').execute()).length).toBe(1);
});

it("fails a refused batch with SQLite's message and code and keeps none of it, then takes the next", async () => {
  const refused = writer.write(
    batch({
      sessions: [sessionRow(eventId, 'viewer-2')],
      failures: [failureRow('no-such-event', 'viewer-2', T0)], // foreign key: the event does not exist
    }),
  );
  await expect(refused).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
  expect(await storage.db.selectFrom('viewer_sessions').select('session_id').execute()).toEqual([]);
  await writer.write(batch({ sessions: [sessionRow(eventId, 'viewer-3')] }));
  expect(await storage.db.selectFrom('viewer_sessions').select('session_id').execute()).toEqual([
    { session_id: 'viewer-3' },
  ]);
});

it('finishes what it was sent before closing, and refuses writes after', async () => {
  const sent = Array.from({ length: 5 }, (_, i) =>
    writer.write(batch({ sessions: [sessionRow(eventId, `viewer-${i}`)] })),
  );
  const closed = writer.close();
  await Promise.all(sent);
  await closed;
  expect((await storage.db.selectFrom('viewer_sessions').select('session_id').execute()).length).toBe(5);
  await expect(writer.write(batch({ sessions: [sessionRow(eventId, 'late')] }))).rejects.toThrow(/closed/);
});
