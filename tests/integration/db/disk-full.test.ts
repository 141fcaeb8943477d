/**
 * A full disk (simulated with SQLite's `max_page_count`) through the real server: REST answers 503 with a message
 * instead of a bare 500, the cause (SQLITE_FULL, not "cannot rollback") is logged once, and when space returns the
 * record resumes with every second kept in the meantime.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../server/app.ts';
import { systemClock, systemTimers } from '../../../server/clock.ts';
import { openDatabase, type Storage } from '../../../server/db/database.ts';
import type { KansokuEvent } from '../../../shared/event.ts';
import type { Tick } from '../../../shared/tick.ts';
import { collectTicks, connected, hostSocket, waitFor, type HostSocket } from '../../helpers/clients.ts';
import { TEST_HOST_TOKEN } from '../../helpers/start-test-server.ts';

type LogLine = { level: number; msg: string; err?: { message?: string; code?: string } };

let dataDir: string;
let storage: Storage;
let app: App;
let url: string;
let host: HostSocket;
const logs: LogLine[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kansoku-full-'));
  storage = await openDatabase({ dataDir }); // a real file: WAL, synchronous=FULL, as in production
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  // max_page_count limits one connection only, so the record is written on this one (not on its own thread's).
  app = await createApp({
    storage,
    logger,
    clock: systemClock,
    timers: systemTimers,
    hostToken: TEST_HOST_TOKEN,
    version: 'test',
    clientDir: join(dataDir, 'none'),
    recordInProcess: true,
  });
  url = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
});
afterAll(async () => {
  host?.disconnect();
  await app.close();
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TEST_HOST_TOKEN}`, 'content-type': 'application/json' },
  });
const createEvent = (title: string) =>
  api('/api/events', { method: 'POST', body: JSON.stringify({ title, phase: 'live' }) });
const storedTicks = async (eventId: string): Promise<Tick[]> =>
  (await (await api(`/api/events/${eventId}/ticks?limit=1000`)).json()) as Tick[];

/** Lets the file grow by nothing more, then fills what is left, so the next page the server needs is refused. */
async function fillTheDisk(): Promise<void> {
  await sql`create table if not exists filler (b blob)`.execute(storage.db);
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(storage.db);
  await sql.raw(`pragma max_page_count = ${rows[0]?.page_count ?? 1}`).execute(storage.db);
  for (let i = 0; i < 100_000; i++) {
    try {
      await sql`insert into filler values (zeroblob(512))`.execute(storage.db);
    } catch (error) {
      expect((error as { code?: string }).code).toBe('SQLITE_FULL');
      return;
    }
  }
  throw new Error('the database never filled up');
}

describe('a full disk', () => {
  it('answers 503 with a message, logs the real cause once, and loses nothing once space returns', async () => {
    const created = await createEvent('Before the disk fills');
    expect(created.status).toBe(201);
    const event = (await created.json()) as KansokuEvent;
    host = hostSocket(url);
    const seen = collectTicks(host); // what the dashboard was shown: all of it must end up stored
    await connected(host);
    expect(await host.emitWithAck('host:subscribe', { eventId: event.id })).toMatchObject({ ok: true });
    await waitFor(
      async () => ((await storedTicks(event.id)).length > 0 ? true : undefined),
      10_000,
      'first stored tick',
    );

    await fillTheDisk();
    // Small rows may still fit in a half-empty page: keep creating until storage refuses (bounded).
    let refused: Response | undefined;
    for (let i = 0; i < 500 && !refused; i++) {
      const res = await createEvent(`While full ${i}`);
      if (res.status !== 201) refused = res;
    }
    expect(refused?.status).toBe(503);
    expect(await refused?.json()).toMatchObject({
      ok: false,
      error: 'unavailable',
      message: expect.stringMatching(/storage is full/),
    });
    for (let i = 0; i < 3; i++) expect((await createEvent(`Still full ${i}`)).status).toBe(503);

    // The record (ticks each second) fails meanwhile: once the recorder has said so, give space back.
    await waitFor(
      () => (logs.some((l) => l.msg.startsWith('storage write failed')) ? true : undefined),
      10_000,
      'the recorder to hit the full disk',
    );
    const fullSince = Date.now();
    await waitFor(
      () => (Date.now() - fullSince > 2_500 ? true : undefined),
      5_000,
      'a few seconds of ticks while full',
    );
    await sql`pragma max_page_count = 1073741823`.execute(storage.db);
    await waitFor(
      () => (logs.some((l) => l.msg === 'storage writes resumed') ? true : undefined),
      10_000,
      'writes to resume',
    );
    expect((await createEvent('After space returned')).status).toBe(201);

    // Every tick the dashboard was shown, before, during and after the full disk, is stored: the rows kept in
    // memory while storage refused them were written once it could. (The heartbeat may skip a second while the
    // filling above blocks the event loop; that is the tick loop's rule, not a loss.)
    const stored = new Set((await storedTicks(event.id)).map((t) => t.t));
    const shown = seen.map((t) => t.t);
    expect(shown.filter((t) => t > fullSince).length).toBeGreaterThanOrEqual(2);
    expect(shown.filter((t) => !stored.has(t))).toEqual([]);

    // The cause, not the failed ROLLBACK that used to replace it; once per component, not once per request.
    const errors = logs.filter((l) => l.level >= 50);
    expect(errors.map((l) => l.err?.message ?? '').join('\n')).not.toMatch(/cannot rollback/);
    expect(errors.filter((l) => l.msg.startsWith('storage write failed'))).toHaveLength(1);
    expect(errors.filter((l) => l.msg.startsWith('storage is full'))).toHaveLength(1);
    for (const line of errors) expect(line.err?.code).toBe('SQLITE_FULL');
  });
});
