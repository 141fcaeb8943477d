/** @module A small stored record written through the real storage layer, for the report integration tests. */
import { createWriter } from '../../../server/storage/write-batch.ts';
import type { Tick } from '../../../shared/tick.ts';
import type { HistoryRow } from '../../../shared/viewer.ts';
import type { TestServer } from '../../helpers/start-test-server.ts';
import { tickViewers } from '../../helpers/tick-factory.ts';
import { failureRow, historyRow, sessionRow, T0, tick } from '../db/fixtures.ts';

export { T0 };

/**
 * Three sessions of the live phase: `chrome-1` watched 60 s in Good at 1080p, `safari-1` (iOS) watched 60 s in Poor
 * from 8 % loss at 720p, `failed-1` never got in (ice-failed, reported twice). 120 ticks: 2 watching, 1 good 1 poor.
 */
export async function writeSmallRecord(server: TestServer, eventId: string): Promise<void> {
  const buckets = (sessionId: string, patch: Partial<HistoryRow>): HistoryRow[] =>
    Array.from({ length: 6 }, (_, i) =>
      historyRow(eventId, sessionId, T0 + i * 10_000, { freezes: 0, freezeMs: 0, ...patch }),
    );
  const ticks: Tick[] = Array.from({ length: 120 }, (_, i) => ({
    ...tick(eventId, 'live', T0 + i * 1000),
    viewers: tickViewers({ watching: 2, total: 2, peak: 2 }),
    bands: { good: 1, fair: 0, poor: 1 },
    reasons: { loss: 1 },
    failures: { 'ice-failed': i < 30 ? 0 : 2 },
  }));
  await createWriter(server.storage.db).writeBatch({
    sessions: [
      sessionRow(eventId, 'chrome-1', {
        state: 'watching',
        stage: 'playing',
        ttffMs: 1_000,
        codec: 'AV1',
        lastSeen: T0 + 60_000,
        endedAt: T0 + 61_000,
        ending: 'left',
      }),
      sessionRow(eventId, 'safari-1', {
        browser: 'Safari',
        os: 'iOS',
        state: 'watching',
        stage: 'playing',
        ttffMs: 5_500,
        codec: 'H264',
        connects: 3,
        lastSeen: T0 + 60_000,
      }),
      sessionRow(eventId, 'failed-1', {
        browser: 'Firefox',
        os: 'Linux',
        state: 'failed',
        stage: 'offer',
        failure: { category: 'ice-failed', t: T0 + 5_000 },
      }),
    ],
    history: [
      ...buckets('chrome-1', { band: 'good', lossPct: 0, height: 1080 }),
      ...buckets('safari-1', { band: 'poor', lossPct: 8, height: 720 }),
    ],
    ticks,
    failures: [
      failureRow(eventId, 'failed-1', T0 + 5_000, { category: 'ice-failed' }),
      failureRow(eventId, 'failed-1', T0 + 9_000, { category: 'ice-failed' }),
    ],
  });
}

export async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
