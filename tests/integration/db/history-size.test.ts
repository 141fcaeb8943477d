/** @module Storage budget: one viewer-hour of 10 s history must stay within 50 KB on both engines. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_BUCKET_MS } from '../../../shared/limits.ts';
import { createEventStore } from '../../../server/events/event-store.ts';
import type { HistoryRow } from '../../../shared/viewer.ts';
import { storedBytes } from '../../../server/storage/queries.ts';
import { createWriter } from '../../../server/storage/write-batch.ts';
import { eventInput, historyRow, sessionRow, T0 } from './fixtures.ts';
import { DIALECTS, openTestStorage, type TestStorage } from '../../helpers/test-storage.ts';

const VIEWERS = 20;
const BUCKETS_PER_HOUR = 3_600_000 / HISTORY_BUCKET_MS;
const BUDGET_BYTES = 50 * 1024;

/** Plausible, varying values: mid-range numbers rather than zeros, which would flatter the encoding. */
function noisyRow(eventId: string, sessionId: string, bucket: number): HistoryRow {
  const wobble = (bucket * 7919) % 97;
  return historyRow(eventId, sessionId, T0 + bucket * HISTORY_BUCKET_MS, {
    kbps: 1800 + wobble * 13,
    lossPct: wobble / 40,
    jitterMs: 5 + (wobble % 30),
    jitterBufferMs: 60 + wobble,
    rttMs: 20 + (wobble % 50),
    fps: 24 + (wobble % 60) / 10,
    freezes: wobble % 3,
    freezeMs: (wobble % 3) * 250,
    concealPct: wobble / 100,
    band: wobble > 80 ? 'fair' : 'good',
  });
}

describe.each(DIALECTS)('history size on %s', (dialect) => {
  let t: TestStorage;
  beforeAll(async () => {
    t = await openTestStorage(dialect);
  });
  afterAll(() => t.close());

  it(`stores ${VIEWERS} viewer-hours in under ${BUDGET_BYTES / 1024} KB each`, async () => {
    const eventId = (await createEventStore(t.storage.db).create(eventInput(), T0)).id;
    const writer = createWriter(t.storage.db);
    const sessions = Array.from({ length: VIEWERS }, (_, i) => sessionRow(eventId, `viewer-${i}`));
    await writer.upsertSessions(sessions);
    const before = await storedBytes(t.storage);
    const history = sessions.flatMap((s) =>
      Array.from({ length: BUCKETS_PER_HOUR }, (_, b) => noisyRow(eventId, s.sessionId, b)),
    );
    await writer.insertHistory(history);
    const perViewerHour = ((await storedBytes(t.storage)) - before) / VIEWERS;
    expect(perViewerHour).toBeGreaterThan(0);
    expect(perViewerHour).toBeLessThan(BUDGET_BYTES);
  });
});
