/**
 * @module The report section of `npm run bench`: seeds a finished event (`npm run seed-event`) on SQLite or
 * PostgreSQL, starts the production server on it, and measures what a host waits for — the report API cold (built
 * from the record) and warm (cached), the report page's first meaningful paint in headless Chromium (score, tiles,
 * the timeline drawn), the CSV exports streamed (time, size, server memory), and the stored bytes per viewer-hour.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SQLITE_FILE_NAME } from '../../server/db/database.ts';
import type { EventReport } from '../../shared/event-report.ts';
import { launchChromium } from '../e2e/support/chromium.ts';
import { createPgSchema } from '../helpers/test-storage.ts';
import { memoryMb } from './proc-stats.ts';
import { ROOT, startServerProcess, type ServerUnderTest } from './server-process.ts';

export type Dialect = 'sqlite' | 'postgres';

export type ReportBenchResult = {
  dialect: Dialect;
  viewers: number;
  minutes: number;
  seedS: number;
  sessions: number;
  viewerHours: number;
  storedBytes: number;
  apiColdMs: number;
  apiWarmMs: number;
  reportBytes: number;
  pageFirstPaintMs: number;
  exports: Array<{ name: string; ms: number; bytes: number; rows: number }>;
  serverRssHwmMb: number;
};

const HOST_TOKEN = 'bench-report-host-token-000000000000';

/** Runs a node script to completion; its child process goes to `onChild` (stopped by PID if the bench is stopped). */
function runNode(args: string[], env: NodeJS.ProcessEnv, onChild: (c: ChildProcess) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, args, { cwd: ROOT, env, maxBuffer: 1 << 20 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    onChild(child);
  });
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await f();
  return [value, Math.round(performance.now() - start)];
}

/** Bytes of the database: the SQLite files, or the PostgreSQL schema's tables with their indexes and TOAST. */
async function storedBytes(dataDir: string, pgUrl: string | null, schema: string | null): Promise<number> {
  if (pgUrl === null || schema === null) {
    const size = (f: string) => {
      try {
        return statSync(join(dataDir, f)).size;
      } catch {
        return 0;
      }
    };
    return size(SQLITE_FILE_NAME) + size(`${SQLITE_FILE_NAME}-wal`);
  }
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>(
      `select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relkind = 'r'`,
      [schema],
    );
    return Number(rows[0]?.bytes ?? 0);
  } finally {
    await client.end();
  }
}

async function api(server: ServerUnderTest, path: string): Promise<Response> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${HOST_TOKEN}` } });
  if (!res.ok) throw new Error(`report bench: ${path} answered ${res.status}`);
  return res;
}

/** Streams an export, counting bytes and lines without keeping the body. */
async function streamExport(
  server: ServerUnderTest,
  eventId: string,
  name: string,
): Promise<{ bytes: number; rows: number }> {
  const res = await api(server, `/api/events/${eventId}/export/${name}.csv?phase=live`);
  let bytes = 0;
  let rows = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) rows += 1;
  }
  return { bytes, rows: rows - 1 };
}

async function pageFirstPaint(url: string, eventId: string): Promise<number> {
  const browser = await launchChromium();
  try {
    const login = await browser.context.request.post(`${url}/api/login`, {
      data: { secret: HOST_TOKEN },
      headers: { origin: url },
    });
    if (!login.ok()) throw new Error(`report bench: login failed (${login.status()})`);
    const page = await browser.context.newPage();
    await page.goto(`${url}/report/${eventId}`);
    // A function, not a string: the page's CSP forbids eval, which a string predicate needs.
    // No named helpers inside it either: tsx would wrap them in a `__name` the page does not have.
    await page.waitForFunction(
      () =>
        /\d/.test(document.querySelector('[data-testid="report-score"]')?.textContent ?? '') &&
        /\d/.test(document.querySelector('[data-testid="report-peak"]')?.textContent ?? '') &&
        document.querySelector('[data-testid="report-chart-viewers"] canvas') !== null,
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    return Math.round((await page.evaluate('performance.now()')) as number);
  } finally {
    await browser.close();
  }
}

export async function benchReport(o: {
  dialect: Dialect;
  viewers: number;
  minutes: number;
  onChild: (c: ChildProcess) => void;
}): Promise<ReportBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kansoku-report-bench-'));
  const schema = o.dialect === 'postgres' ? await createPgSchema() : null;
  let server: ServerUnderTest | null = null;
  try {
    const env = { ...process.env, KANSOKU_DATA_DIR: dataDir, DATABASE_URL: schema?.url ?? '' };
    const [seeded, seedMs] = await timed(() =>
      runNode(
        ['--import', 'tsx', 'server/seed/main.ts', '--viewers', String(o.viewers), '--minutes', String(o.minutes)],
        env,
        o.onChild,
      ),
    );
    const eventId = seeded.trim().split('\n').at(-1) ?? '';
    const stored = await storedBytes(dataDir, schema?.url ?? null, schema?.name ?? null);
    server = await startServerProcess({ kind: 'kansoku', dataDir, hostToken: HOST_TOKEN, databaseUrl: schema?.url });
    o.onChild(server.child);
    const s = server;
    const [cold, apiColdMs] = await timed(async () => (await api(s, `/api/events/${eventId}/report`)).text());
    const [, apiWarmMs] = await timed(async () => (await api(s, `/api/events/${eventId}/report`)).text());
    const report = JSON.parse(cold) as EventReport;
    const pageFirstPaintMs = await pageFirstPaint(s.url, eventId);
    const exports: ReportBenchResult['exports'] = [];
    for (const name of ['sessions', 'ticks', 'failures']) {
      const [got, ms] = await timed(() => streamExport(s, eventId, name));
      exports.push({ name, ms, ...got });
    }
    const viewerHours = report.summary.viewerMinutes / 60;
    return {
      dialect: o.dialect,
      viewers: o.viewers,
      minutes: o.minutes,
      seedS: Math.round(seedMs / 100) / 10,
      sessions: report.summary.sessions,
      viewerHours,
      storedBytes: stored,
      apiColdMs,
      apiWarmMs,
      reportBytes: cold.length,
      pageFirstPaintMs,
      exports,
      serverRssHwmMb: Math.round(memoryMb(s.pid).hwm),
    };
  } finally {
    await server?.stop();
    await schema?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const REPORT_TARGETS = { apiColdMs: 2_000, pageFirstPaintMs: 2_000, storedBytesPerViewerHour: 51_200 } as const;

const n = (x: number, digits = 0): string =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');

/** One column per dialect. */
export function reportBenchTable(results: readonly ReportBenchResult[]): string {
  const first = results[0];
  if (!first) return '';
  const rows: Array<[string, string, (r: ReportBenchResult) => string, ((r: ReportBenchResult) => boolean)?]> = [
    [
      'seeded: sessions, viewer-hours (seed time)',
      '',
      (r) => `${n(r.sessions)}, ${n(r.viewerHours, 0)} (${n(r.seedS, 1)} s)`,
    ],
    [
      'stored per viewer-hour (whole database ÷ viewer-hours)',
      '≤ 50 KB',
      (r) => `${n(r.storedBytes / r.viewerHours / 1024, 1)} KB`,
      (r) => r.storedBytes / r.viewerHours <= REPORT_TARGETS.storedBytesPerViewerHour,
    ],
    [
      'GET /api/events/:id/report, cold (built from the record)',
      '≤ 2 s',
      (r) => `${n(r.apiColdMs)} ms`,
      (r) => r.apiColdMs <= REPORT_TARGETS.apiColdMs,
    ],
    ['  warm (cached) / body size', '', (r) => `${n(r.apiWarmMs)} ms / ${n(r.reportBytes / 1024)} KB`],
    [
      'report page first meaningful paint (score, tiles, timeline)',
      '≤ 2 s',
      (r) => `${n(r.pageFirstPaintMs)} ms`,
      (r) => r.pageFirstPaintMs <= REPORT_TARGETS.pageFirstPaintMs,
    ],
    ...['sessions', 'ticks', 'failures'].map((name): [string, string, (r: ReportBenchResult) => string] => [
      `export ${name}.csv: rows, size, time`,
      '',
      (r) => {
        const e = r.exports.find((x) => x.name === name);
        return e ? `${n(e.rows)}, ${n(e.bytes / 2 ** 20, 1)} MB, ${n(e.ms)} ms` : '—';
      },
    ]),
    ['server RSS high-water after all of the above', '', (r) => `${n(r.serverRssHwmMb)} MB`],
  ];
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const header = ['report bench', 'target', ...results.map((r) => `${r.dialect} (${n(r.viewers)} × ${r.minutes} min)`)];
  return [
    line(header),
    line(header.map(() => '---')),
    ...rows.map(([label, target, cell, ok]) =>
      line([label, target, ...results.map((r) => `${cell(r)}${ok ? ` ${verdict(ok(r))}` : ''}`)]),
    ),
  ].join('\n');
}
