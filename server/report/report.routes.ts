/**
 * @module Report REST (host only, under the `/api/events/*` guard): the report, its exports (CSV and Parquet streamed,
 * report.json) and share links; plus `GET /api/reports`, the past-events list for the dashboard's start page.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { EXPORT_TABLES, ShareDaysSchema, type EventSummaryRow, type ExportTable } from '../../shared/event-report.ts';
import { defaultViewPhase, EventIdSchema, type KansokuEvent } from '../../shared/event.ts';
import { HOST_API } from '../../shared/host-api.ts';
import type { Clock } from '../clock.ts';
import type { Storage } from '../db/database.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { HttpError } from '../http/http-error.ts';
import { phaseParam } from '../http/phase-param.ts';
import { serve } from '../http/serve.ts';
import { parseInput } from '../http/validate.ts';
import { csvStream } from './csv.ts';
import { exportSpec, headerOf } from './export-pages.ts';
import { parquetStream } from './parquet.ts';
import type { ReportService } from './report-service.ts';
import type { ShareLinks } from './share-links.ts';

const DAY_MS = 86_400_000;

export type ReportRouteDeps = {
  catalog: EventCatalog;
  reports: ReportService;
  shares: ShareLinks;
  storage: Storage;
  clock: Clock;
  /** KANSOKU_PUBLIC_URL, else the request's own origin. */
  publicUrl: string | undefined;
};

/** The event of `:id`, or 400/404 naming the `id` field. */
export function reportEvent(catalog: EventCatalog, raw: string): KansokuEvent {
  if (!v.is(EventIdSchema, raw)) throw new HttpError(400, 'invalid-payload', 'id must be an event id', 'id');
  const event = catalog.get(raw);
  if (!event) throw new HttpError(404, 'not-found', `no event with id "${raw}"`, 'id');
  return event;
}

const BASE = '/api/events';
/** `:file` of `/export/:file`: a table as CSV or Parquet, or the whole report. */
const EXPORT_FORMATS = { csv: 'text/csv; charset=utf-8', parquet: 'application/vnd.apache.parquet' } as const;

function exportFile(raw: string): { table: ExportTable; format: keyof typeof EXPORT_FORMATS } | 'report' {
  if (raw === 'report.json') return 'report';
  const [table, format] = raw.split('.');
  if ((EXPORT_TABLES as readonly string[]).includes(table ?? '') && (format === 'csv' || format === 'parquet'))
    return { table: table as ExportTable, format };
  throw new HttpError(404, 'not-found', `no export named "${raw}"`, 'file');
}

export function reportRoutes(deps: ReportRouteDeps): Hono {
  const { catalog, reports, shares, clock } = deps;
  const app = new Hono();
  serve(app, BASE, HOST_API.report, async (c, { params, reply }) => {
    const event = reportEvent(catalog, params.id);
    return reply.text(await reports.json(event, phaseParam(c, event)));
  });
  serve(app, BASE, HOST_API.exportFile, async (c, { params, reply }) => {
    const event = reportEvent(catalog, params.id);
    const phase = phaseParam(c, event);
    const file = exportFile(params.file);
    const disposition = { 'content-disposition': `attachment; filename="${event.id}-${phase}-${params.file}"` };
    if (file === 'report') {
      const json = await reports.json(event, phase);
      return reply.file(c.body(json, 200, { 'content-type': 'application/json; charset=utf-8', ...disposition }));
    }
    const spec = exportSpec(file.table, deps.storage.db, event.id, phase);
    const body = file.format === 'csv' ? csvStream(headerOf(spec), spec.read) : parquetStream(spec);
    return reply.file(c.body(body, 200, { 'content-type': EXPORT_FORMATS[file.format], ...disposition }));
  });
  serve(app, BASE, HOST_API.share, async (c, { params, reply }) => {
    const event = reportEvent(catalog, params.id);
    const phase = phaseParam(c, event);
    const days = parseInput(v.object({ days: ShareDaysSchema }), { days: c.req.query('days') }).days;
    const now = clock.now();
    const expiresAt = now + days * DAY_MS;
    const token = await shares.create(event.id, phase, now, expiresAt);
    const base = deps.publicUrl ?? new URL(c.req.url).origin;
    return reply(
      {
        url: `${base}/share/${token}`,
        apiUrl: `${base}/api/share/${token}/report`,
        expiresAt: new Date(expiresAt).toISOString(),
        phase,
      },
      201,
    );
  });
  serve(app, BASE, HOST_API.revokeShares, async (_c, { params, reply }) => {
    const event = reportEvent(catalog, params.id);
    return reply({ revoked: await shares.revokeAll(event.id, clock.now()) });
  });
  return app;
}

/** `GET /api/reports`: every event, latest first, with the figures of the phase its report opens on. */
export function pastEventRoutes(catalog: EventCatalog, reports: ReportService): Hono {
  const app = new Hono();
  serve(app, '/api/reports', HOST_API.pastEvents, async (_c, { reply }) => {
    const rows: EventSummaryRow[] = [];
    for (const event of catalog.list()) {
      const reportPhase = defaultViewPhase(event);
      const s = await reports.summary(event, reportPhase);
      const date = event.scheduledStart ?? (s.from !== null ? new Date(s.from).toISOString() : event.createdAt);
      rows.push({
        eventId: event.id,
        title: event.title,
        phase: event.phase,
        date,
        reportPhase,
        peakViewers: s.peakViewers,
        viewerMinutes: s.viewerMinutes,
        score: s.score,
      });
    }
    return reply(rows);
  });
  return app;
}
