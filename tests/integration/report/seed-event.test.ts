/** `npm run seed-event` at a small size, on SQLite and PostgreSQL: a finished event whose report adds up. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database.ts';
import { buildReport } from '../../../server/report/report-builder.ts';
import { readReportInput } from '../../../server/report/report-reader.ts';
import { createEventStore } from '../../../server/events/event-store.ts';
import { createPgSchema, DIALECTS, type PgSchema } from '../../helpers/test-storage.ts';

const run = promisify(execFile);

describe.each(DIALECTS)('seed-event on %s', (dialect) => {
  let dataDir = '';
  let schema: PgSchema | null = null;
  afterEach(async () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await schema?.drop();
    schema = null;
  });

  it('writes a finished event through the storage layer and prints its id last', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kansoku-seed-'));
    schema = dialect === 'postgres' ? await createPgSchema() : null;
    const env = { ...process.env, KANSOKU_DATA_DIR: dataDir, DATABASE_URL: schema?.url ?? '' };
    const { stdout } = await run(
      'npx',
      ['tsx', 'server/seed/main.ts', '--viewers', '60', '--minutes', '3', '--seed', '7'],
      { env, timeout: 60_000 },
    );
    const id = stdout.trim().split('\n').at(-1) ?? '';
    expect(id).toMatch(/^[A-Za-z0-9_-]{10}$/);

    const storage = await openDatabase({ dataDir, databaseUrl: schema?.url });
    try {
      const event = await createEventStore(storage.db).get(id);
      expect(event).toMatchObject({ phase: 'ended' });
      const input = await readReportInput(storage.db, event!, 'live');
      expect(input.ticks).toHaveLength(180);
      expect(input.sessions).toHaveLength(60);
      expect(input.markers.map((m) => m.kind)).toEqual(['start', 'demo', 'qa', 'end']);
      expect(input.questions.length).toBeGreaterThanOrEqual(5);
      const report = buildReport(input, Date.now());
      const watched = input.sessions.filter((s) => s.history !== null).length;
      expect(report.summary.uniqueViewers).toBeGreaterThanOrEqual(watched);
      expect(report.summary.peakViewers).toBeGreaterThan(0);
      expect(report.summary.peakViewers).toBeLessThanOrEqual(60);
      expect(report.summary.score.score).not.toBeNull();
      // Band minutes of the ticks are the history's buckets, each counted for its 10 seconds.
      const buckets = input.sessions.reduce(
        (n, s) => n + (s.history?.good ?? 0) + (s.history?.fair ?? 0) + (s.history?.poor ?? 0),
        0,
      );
      const { good, fair, poor } = report.summary.bandMinutes;
      expect(good + fair + poor).toBeCloseTo((buckets * 10) / 60, 1);
      expect(report.attendance.registrations).toBe(78);

      // The totals kept per session equal the history folded from scratch (how sessions recorded before them are read).
      await storage.db.updateTable('viewer_sessions').set({ totals: null }).where('event_id', '=', id).execute();
      const folded = await readReportInput(storage.db, event!, 'live');
      expect(folded.sessions.filter((s) => s.history !== null).length).toBe(watched);
      expect(folded.sessions).toEqual(input.sessions);
    } finally {
      await storage.close();
    }
  });
});
