/**
 * CSV, Parquet and JSON exports through the real server on SQLite and PostgreSQL: headers, one row per item, quoting,
 * paging.
 */
import { parquetReadObjects } from 'hyparquet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQuestionStore } from '../../../server/questions/question-store.ts';
import { EXPORT_PAGE_ROWS } from '../../../server/report/export-pages.ts';
import { createWriter } from '../../../server/storage/write-batch.ts';
import type { EventReport } from '../../../shared/event-report.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';
import { DIALECTS } from '../../helpers/test-storage.ts';
import { sessionRow, tick } from '../db/fixtures.ts';
import { json, T0, writeSmallRecord } from './report-rig.ts';

async function readParquet(res: Response): Promise<Array<Record<string, unknown>>> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status}`);
  return (await parquetReadObjects({ file: await res.arrayBuffer() })) as Array<Record<string, unknown>>;
}

/** Splits RFC 4180 text into records of fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), (i += 1));
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (record.push(field), (field = ''));
    else if (ch === '\r' && text[i + 1] === '\n')
      (record.push(field), records.push(record), (record = []), (field = ''), (i += 1));
    else field += ch;
  }
  return records;
}

describe.each(DIALECTS)('exports on %s', (dialect) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(dialect);
  });
  afterEach(async () => {
    await server.close();
  });

  it('exports sessions and failures as CSV with a header row and one row per item', async () => {
    const event = await server.createEvent({ phase: 'ended' });
    await writeSmallRecord(server, event.id);
    const res = await server.api(`/api/events/${event.id}/export/sessions.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(await res.text());
    expect(header?.slice(0, 3)).toEqual(['session_id', 'first_seen', 'last_seen']);
    expect(rows.map((r) => r[0])).toEqual(['chrome-1', 'failed-1', 'safari-1']);
    const safari = Object.fromEntries((header ?? []).map((h, i) => [h, rows[2]?.[i]]));
    expect(safari).toMatchObject({
      browser: 'Safari',
      os: 'iOS',
      reconnects: '2',
      poor_minutes: '1',
      good_minutes: '0',
    });
    const failures = parseCsv(
      await (await server.api(`/api/events/${event.id}/export/failures.csv?phase=live`)).text(),
    );
    expect(failures).toHaveLength(3);
    expect(failures[1]?.slice(0, 4)).toEqual(['1', new Date(T0 + 5_000).toISOString(), 'failed-1', 'ice-failed']);
  });

  it('defuses formulas and quotes questions; pages through more ticks than one page holds', async () => {
    const event = await server.createEvent({ phase: 'ended' });
    await createWriter(server.storage.db).upsertSessions([
      sessionRow(event.id, 'evil-1', { browser: '=HYPERLINK("http://x")' }),
    ]);
    await createQuestionStore(server.storage.db).upsert([
      {
        question: {
          id: 'web-1',
          eventId: event.id,
          source: 'web',
          messageId: null,
          author: { name: '@mallory', avatarUrl: null },
          content: 'Is it "AV1", or\nVP9?',
          createdAt: T0,
          editedAt: null,
          deleted: false,
          votes: 4,
          answered: true,
          pinned: false,
          hidden: false,
        },
      },
    ]);
    const sessions = parseCsv(await (await server.api(`/api/events/${event.id}/export/sessions.csv`)).text());
    expect(sessions[1]?.[5]).toBe(`'=HYPERLINK("http://x")`);
    const questions = parseCsv(await (await server.api(`/api/events/${event.id}/export/questions.csv`)).text());
    expect(questions[1]).toEqual([
      'web-1',
      'web',
      new Date(T0).toISOString(),
      "'@mallory",
      'Is it "AV1", or\nVP9?',
      '4',
      'true',
      'false',
      'false',
      'false',
    ]);

    const n = EXPORT_PAGE_ROWS * 2 + 345;
    await createWriter(server.storage.db).insertTicks(
      Array.from({ length: n }, (_, i) => tick(event.id, 'live', T0 + i * 1000)),
    );
    const ticks = parseCsv(await (await server.api(`/api/events/${event.id}/export/ticks.csv?phase=live`)).text());
    expect(ticks).toHaveLength(n + 1);
    expect(ticks[1]?.[0]).toBe(new Date(T0).toISOString());
    expect(ticks[n]?.[0]).toBe(new Date(T0 + (n - 1) * 1000).toISOString());
    expect(new Set(ticks.slice(1).map((r) => r[0])).size).toBe(n);
  });

  it('exports the same rows as Parquet, typed, across pages', async () => {
    const event = await server.createEvent({ phase: 'ended' });
    await writeSmallRecord(server, event.id);
    const res = await server.api(`/api/events/${event.id}/export/sessions.parquet`);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${event.id}-live-sessions.parquet"`);
    const sessions = await readParquet(res);
    expect(sessions.map((r) => r.session_id)).toEqual(['chrome-1', 'failed-1', 'safari-1']);
    expect(sessions[2]).toMatchObject({
      browser: 'Safari',
      os: 'iOS',
      reconnects: 2,
      poor_minutes: 1,
      good_minutes: 0,
      ttff_ms: 5_500,
    });
    expect(sessions[1]).toMatchObject({ ttff_ms: null, failure_category: 'ice-failed' });

    const n = EXPORT_PAGE_ROWS * 2 + 7;
    await createWriter(server.storage.db).insertTicks(
      Array.from({ length: n }, (_, i) => tick(event.id, 'live', T0 + 200_000 + i * 1000)),
    );
    const ticks = await readParquet(await server.api(`/api/events/${event.id}/export/ticks.parquet?phase=live`));
    expect(ticks).toHaveLength(120 + n);
    expect(ticks[0]).toMatchObject({ t: new Date(T0).toISOString(), watching: 2, good: 1, poor: 1 });
    expect(ticks.at(-1)?.t).toBe(new Date(T0 + 200_000 + (n - 1) * 1000).toISOString());
    const csv = parseCsv(await (await server.api(`/api/events/${event.id}/export/ticks.csv?phase=live`)).text());
    expect(Object.keys(ticks[0] ?? {})).toEqual(csv[0]);
  });

  it('exports the whole report as JSON, and refuses an unknown export', async () => {
    const event = await server.createEvent({ phase: 'ended' });
    await writeSmallRecord(server, event.id);
    const res = await server.api(`/api/events/${event.id}/export/report.json`);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${event.id}-live-report.json"`);
    expect((await json<EventReport>(res)).summary.sessions).toBe(3);
    expect((await server.api(`/api/events/${event.id}/export/secrets.csv`)).status).toBe(404);
  });
});
