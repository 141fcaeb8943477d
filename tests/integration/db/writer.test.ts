/** @module Batched writer and read queries on SQLite and PostgreSQL: upserts, encodings, ordering, atomicity. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEventStore } from '../../../server/events/event-store.ts';
import type { HistoryRow } from '../../../shared/viewer.ts';
import { createQueries, type Queries } from '../../../server/storage/queries.ts';
import { createWriter, type Writer } from '../../../server/storage/write-batch.ts';
import { eventInput, failureRow, historyRow, sessionRow, T0, tick } from './fixtures.ts';
import { DIALECTS, openTestStorage, type TestStorage } from '../../helpers/test-storage.ts';

describe.each(DIALECTS)('writer and queries on %s', (dialect) => {
  let t: TestStorage;
  let writer: Writer;
  let queries: Queries;
  let eventId: string;
  beforeAll(async () => {
    t = await openTestStorage(dialect);
    writer = createWriter(t.storage.db);
    queries = createQueries(t.storage.db);
  });
  beforeEach(async () => {
    eventId = (await createEventStore(t.storage.db).create(eventInput(), T0)).id;
  });
  afterAll(() => t.close());

  it('upserts sessions per phase: keeps first_seen, moves last_seen/last_seq forward only, keeps the record whole', async () => {
    await writer.upsertSessions([sessionRow(eventId, 's1', { lastSeq: 5 })]);
    const checkpoint = { seq: 40, t: T0 + 9_000, st: 'connected' } as const;
    const later = {
      firstSeen: T0 + 9_000,
      lastSeen: T0 + 9_000,
      lastSeq: 40,
      state: 'watching',
      codec: 'AV1',
      ttffMs: 850,
      stage: 'first-frame',
      stageTimes: { page: T0, 'first-frame': T0 + 850 },
      checkpoint,
      connects: 2,
    } as const;
    await writer.upsertSessions([sessionRow(eventId, 's1', later)]);
    const failure = { category: 'dropped', t: T0 + 1_000, code: 1006 } as const;
    const stale = {
      ...later,
      lastSeen: T0 + 1_000,
      lastSeq: 12,
      state: 'failed',
      failure,
      endedAt: T0 + 2_000,
      ending: 'lost',
    } as const;
    await writer.upsertSessions([sessionRow(eventId, 's1', stale)]);
    expect(await queries.getSession(eventId, 'live', 's1')).toEqual(
      sessionRow(eventId, 's1', {
        ...later,
        firstSeen: T0,
        state: 'failed',
        failure,
        endedAt: T0 + 2_000,
        ending: 'lost',
      }),
    );
    await writer.upsertSessions([sessionRow(eventId, 's1', { phase: 'ended', lastSeq: 41 })]);
    expect((await queries.getSession(eventId, 'ended', 's1'))?.lastSeq).toBe(41);
    expect((await queries.getSession(eventId, 'live', 's1'))?.lastSeq).toBe(40);
    expect(await queries.getSession(eventId, 'live', 'nobody')).toBeNull();
  });

  it('merges duplicate sessions within one batch and lists sessions by phase', async () => {
    await writer.writeBatch({
      sessions: [
        sessionRow(eventId, 'b', { firstSeen: T0 + 10, lastSeen: T0 + 10, lastSeq: 3 }),
        sessionRow(eventId, 'a', { firstSeen: T0 + 5 }),
        sessionRow(eventId, 'b', { firstSeen: T0 + 20, lastSeen: T0 + 20, lastSeq: 2, state: 'watching' }),
        sessionRow(eventId, 'r', { phase: 'rehearsal' }),
      ],
    });
    const live = await queries.listSessions(eventId, 'live');
    expect(live.map((s) => [s.sessionId, s.firstSeen, s.lastSeen, s.lastSeq, s.state])).toEqual([
      ['a', T0 + 5, T0, 0, 'joining'],
      ['b', T0 + 10, T0 + 20, 3, 'watching'],
    ]);
    expect((await queries.listSessions(eventId, 'rehearsal')).map((s) => s.sessionId)).toEqual(['r']);
  });

  it('round-trips history through the compact encoding, nulls included', async () => {
    const full = historyRow(eventId, 'h', T0);
    const empty = historyRow(eventId, 'h', T0 + 10_000, {
      state: 'joining',
      kbps: null,
      lossPct: null,
      jitterMs: null,
      jitterBufferMs: null,
      rttMs: null,
      fps: null,
      height: null,
      freezes: 0,
      freezeMs: 0,
      concealPct: null,
      band: null,
    });
    const rounded = historyRow(eventId, 'h', T0 + 20_000, {
      kbps: 2499.6,
      lossPct: 1.234,
      fps: 29.97,
      concealPct: -3,
      band: 'poor',
      state: 'failed',
    });
    await writer.writeBatch({ sessions: [sessionRow(eventId, 'h')], history: [rounded, full, empty] });
    expect(await queries.viewerHistory(eventId, 'live', 'h')).toEqual([
      full,
      empty,
      { ...rounded, kbps: 2500, lossPct: 1.23, fps: 30, concealPct: 0 },
    ]);
    expect((await queries.viewerHistory(eventId, 'live', 'h', T0 + 10_000)).map((r) => r.t)).toEqual([
      T0 + 10_000,
      T0 + 20_000,
    ]);
    await writer.insertHistory([{ ...full, kbps: 100 }]);
    expect((await queries.viewerHistory(eventId, 'live', 'h'))[0]?.kbps).toBe(100);
  });

  it('round-trips ticks and returns the newest `limit` in ascending order', async () => {
    const ticks = [0, 1, 2, 3].map((i) => tick(eventId, 'live', T0 + i * 1000));
    await writer.insertTicks([3, 1, 0, 2].map((i) => tick(eventId, 'live', T0 + i * 1000)));
    await writer.insertTicks([tick(eventId, 'rehearsal', T0)]);
    expect(await queries.ticks(eventId, 'live', T0 + 1000, 10)).toEqual(ticks.slice(1));
    expect(await queries.ticks(eventId, 'live', 0, 2)).toEqual(ticks.slice(2));
    expect(await queries.ticks(eventId, 'rehearsal', 0, 10)).toHaveLength(1);
  });

  it('returns failures newest first, evidence intact, per phase', async () => {
    await writer.insertFailures([
      failureRow(eventId, 'f1', T0),
      failureRow(eventId, 'f2', T0 + 2000, {
        category: 'ice-failed',
        stage: undefined,
        code: undefined,
        reason: undefined,
        title: 'ICE',
        message: 'failed',
      }),
      failureRow(eventId, 'f3', T0 + 1000, { phase: 'rehearsal' }),
    ]);
    expect(await queries.recentFailures(eventId, 'live', 10)).toEqual([
      {
        sessionId: 'f2',
        browser: 'Firefox',
        os: 'macOS',
        category: 'ice-failed',
        t: T0 + 2000,
        title: 'ICE',
        message: 'failed',
      },
      {
        sessionId: 'f1',
        browser: 'Firefox',
        os: 'macOS',
        category: 'signaling-rejected',
        t: T0,
        stage: 'signaling',
        code: 4490,
        reason: 'AUTH-FAILED',
      },
    ]);
    expect(await queries.recentFailures(eventId, 'live', 1)).toHaveLength(1);
    expect(await queries.failureCounts(eventId, 'live')).toEqual({ 'ice-failed': 1, 'signaling-rejected': 1 });
    expect(await queries.failureCounts(eventId, 'ended')).toEqual({});
  });

  it('writes a 5,000-row history batch with its sessions in one call', async () => {
    const sessions = Array.from({ length: 50 }, (_, i) => sessionRow(eventId, `v${i}`));
    const history: HistoryRow[] = [];
    for (const s of sessions)
      for (let b = 0; b < 100; b++) history.push(historyRow(eventId, s.sessionId, T0 + b * 10_000, { kbps: b }));
    await writer.writeBatch({
      sessions,
      history,
      ticks: [tick(eventId, 'live', T0)],
      failures: [failureRow(eventId, 'v1', T0)],
    });
    const rows = await queries.viewerHistory(eventId, 'live', 'v49');
    expect(rows).toHaveLength(100);
    expect(rows[99]).toEqual(historyRow(eventId, 'v49', T0 + 99 * 10_000, { kbps: 99 }));
  });

  it('writes nothing from a batch that fails', async () => {
    const batch = {
      sessions: [sessionRow(eventId, 'ok')],
      ticks: [tick(eventId, 'live', T0)],
      history: [historyRow(eventId, 'never-joined', T0)],
    };
    await expect(writer.writeBatch(batch)).rejects.toThrow(/unknown viewer session/);
    expect(await queries.getSession(eventId, 'live', 'ok')).toBeNull();
    expect(await queries.ticks(eventId, 'live', 0, 10)).toEqual([]);
  });
});
