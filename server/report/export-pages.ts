/**
 * @module The exports (CSV and Parquet): typed columns and keyset-paginated page readers over sessions, ticks, failures
 * and questions of one event phase (questions belong to the event). Each page is one indexed range query.
 */
import type { Kysely } from 'kysely';
import type { Phase } from '../../shared/event.ts';
import type { ExportTable } from '../../shared/event-report.ts';
import type { Tick } from '../../shared/tick.ts';
import type { DB } from '../db/schema.ts';
import type { QuestionsTable } from '../questions/question-store.ts';
import type { Cell, PageReader } from './csv.ts';
import { sessionAggregates } from './session-aggregates.ts';
import { BUCKET_MS } from './report-score.ts';

export const EXPORT_PAGE_ROWS = 1_000;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());
const minutes = (buckets: number | undefined): number =>
  Math.round((((buckets ?? 0) * BUCKET_MS) / 60_000) * 100) / 100;

/** A column's type in typed exports (Parquet); CSV writes every cell as text. Times are ISO 8601 text in both. */
export type ColumnType = 'text' | 'number' | 'boolean';
export type ExportColumn = { name: string; type: ColumnType };
export type ExportSpec = { columns: readonly ExportColumn[]; read: PageReader<string | number> };

/** Columns in order from `{ name: type }` (names are ours, never a viewer's). */
const columns = (spec: Record<string, ColumnType>): ExportColumn[] =>
  Object.entries(spec).map(([name, type]) => ({ name, type }));
export const headerOf = (spec: ExportSpec): string[] => spec.columns.map((c) => c.name);

function sessions(db: Kysely<DB>, eventId: string, phase: Phase): ExportSpec {
  return {
    columns: columns({
      session_id: 'text',
      first_seen: 'text',
      last_seen: 'text',
      ended_at: 'text',
      ending: 'text',
      browser: 'text',
      browser_version: 'text',
      os: 'text',
      codec: 'text',
      stage: 'text',
      state: 'text',
      ttff_ms: 'number',
      failure_category: 'text',
      reconnects: 'number',
      watching_minutes: 'number',
      good_minutes: 'number',
      fair_minutes: 'number',
      poor_minutes: 'number',
    }),
    async read(cursor) {
      const rows = await db
        .selectFrom('viewer_sessions')
        .select([
          'session_id',
          'first_seen',
          'last_seen',
          'ended_at',
          'ending',
          'browser',
          'browser_version',
          'os',
          'codec',
          'stage',
          'state',
          'ttff_ms',
          'failure_category',
          'connects',
          'totals',
        ])
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .$if(cursor !== undefined, (qb) => qb.where('session_id', '>', String(cursor)))
        .orderBy('session_id')
        .limit(EXPORT_PAGE_ROWS)
        .execute();
      const history = await sessionAggregates(db, eventId, phase, rows);
      return {
        rows: rows.map((r): Cell[] => {
          const h = history.get(r.session_id);
          return [
            r.session_id,
            iso(r.first_seen),
            iso(r.last_seen),
            iso(r.ended_at),
            r.ending,
            r.browser,
            r.browser_version,
            r.os,
            r.codec,
            r.stage,
            r.state,
            r.ttff_ms,
            r.failure_category,
            Math.max(0, Number(r.connects) - 1),
            minutes(h?.watching),
            minutes(h?.good),
            minutes(h?.fair),
            minutes(h?.poor),
          ];
        }),
        next: rows.length === EXPORT_PAGE_ROWS ? rows[rows.length - 1]?.session_id : undefined,
      };
    },
  };
}

const TICK_COLUMNS: ExportColumn[] = [
  { name: 't', type: 'text' },
  ...[
    'watching',
    'joining',
    'connected',
    'failed',
    'total',
    'peak',
    'sfu',
    'good',
    'fair',
    'poor',
    'bitrate_kbps_p10',
    'bitrate_kbps_p50',
    'bitrate_kbps_p90',
    'loss_pct_p50',
    'loss_pct_p90',
    'rtt_ms_p50',
    'rtt_ms_p90',
    'jitter_buffer_ms_p90',
    'fps_p50',
    'height_p50',
    'freezes_per_min_p90',
    'ttff_ms_p50',
    'failures_total',
    'samples',
  ].map((name): ExportColumn => ({ name, type: 'number' })),
];

function tickCells(k: Tick): Cell[] {
  const v = k.viewers;
  const failures = Object.values(k.failures).reduce((sum: number, n) => sum + (n ?? 0), 0);
  return [
    iso(k.t),
    v.watching,
    v.joining,
    v.connected,
    v.failed,
    v.total,
    v.peak,
    v.sfu,
    k.bands.good,
    k.bands.fair,
    k.bands.poor,
    k.bitrateKbps?.p10,
    k.bitrateKbps?.p50,
    k.bitrateKbps?.p90,
    k.lossPct?.p50,
    k.lossPct?.p90,
    k.rttMs?.p50,
    k.rttMs?.p90,
    k.jitterBufferMs?.p90,
    k.fps?.p50,
    k.height?.p50,
    k.freezesPerMin?.p90,
    k.ttffMs?.p50,
    failures,
    k.ingest.samples,
  ];
}

function ticks(db: Kysely<DB>, eventId: string, phase: Phase): ExportSpec {
  return {
    columns: TICK_COLUMNS,
    async read(cursor) {
      const rows = await db
        .selectFrom('ticks')
        .select(['t', 'body'])
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .$if(cursor !== undefined, (qb) => qb.where('t', '>', Number(cursor)))
        .orderBy('t')
        .limit(EXPORT_PAGE_ROWS)
        .execute();
      return {
        rows: rows.map((r) => tickCells(JSON.parse(r.body) as Tick)),
        next: rows.length === EXPORT_PAGE_ROWS ? Number(rows[rows.length - 1]?.t) : undefined,
      };
    },
  };
}

function failures(db: Kysely<DB>, eventId: string, phase: Phase): ExportSpec {
  return {
    columns: columns({
      id: 'number',
      t: 'text',
      session_id: 'text',
      category: 'text',
      stage: 'text',
      code: 'number',
      reason: 'text',
      title: 'text',
      message: 'text',
      browser: 'text',
      os: 'text',
    }),
    async read(cursor) {
      const rows = await db
        .selectFrom('failures')
        .select(['id', 't', 'session_id', 'category', 'evidence', 'browser', 'os'])
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .$if(cursor !== undefined, (qb) => qb.where('id', '>', Number(cursor)))
        .orderBy('id')
        .limit(EXPORT_PAGE_ROWS)
        .execute();
      return {
        rows: rows.map((r): Cell[] => {
          const e = JSON.parse(r.evidence) as {
            stage?: string;
            code?: number;
            reason?: string;
            title?: string;
            message?: string;
          };
          return [
            Number(r.id),
            iso(r.t),
            r.session_id,
            r.category,
            e.stage,
            e.code,
            e.reason,
            e.title,
            e.message,
            r.browser,
            r.os,
          ];
        }),
        next: rows.length === EXPORT_PAGE_ROWS ? Number(rows[rows.length - 1]?.id) : undefined,
      };
    },
  };
}

function questions(base: Kysely<DB>, eventId: string): ExportSpec {
  const db = base.withTables<{ questions: QuestionsTable }>();
  return {
    columns: columns({
      id: 'text',
      source: 'text',
      created_at: 'text',
      author: 'text',
      content: 'text',
      votes: 'number',
      answered: 'boolean',
      pinned: 'boolean',
      hidden: 'boolean',
      deleted: 'boolean',
    }),
    async read(cursor) {
      const rows = await db
        .selectFrom('questions')
        .select([
          'id',
          'source',
          'created_at',
          'author_name',
          'content',
          'votes',
          'answered',
          'pinned',
          'hidden',
          'deleted',
        ])
        .where('event_id', '=', eventId)
        .$if(cursor !== undefined, (qb) => qb.where('id', '>', String(cursor)))
        .orderBy('id')
        .limit(EXPORT_PAGE_ROWS)
        .execute();
      return {
        rows: rows.map((r): Cell[] => [
          r.id,
          r.source,
          iso(r.created_at),
          r.author_name,
          r.content,
          Number(r.votes),
          Number(r.answered) === 1,
          Number(r.pinned) === 1,
          Number(r.hidden) === 1,
          Number(r.deleted) === 1,
        ]),
        next: rows.length === EXPORT_PAGE_ROWS ? rows[rows.length - 1]?.id : undefined,
      };
    },
  };
}

export function exportSpec(name: ExportTable, db: Kysely<DB>, eventId: string, phase: Phase): ExportSpec {
  if (name === 'sessions') return sessions(db, eventId, phase);
  if (name === 'ticks') return ticks(db, eventId, phase);
  if (name === 'failures') return failures(db, eventId, phase);
  return questions(db, eventId);
}
