/**
 * @module Report REST (host only, under the `/api/events/*` guard): the report, its exports (CSV and Parquet streamed,
 * report.json) and share links; plus `GET /api/reports`, the past-events list for the dashboard's start page.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { ShareDaysSchema, type EventSummaryRow, type ShareLink } from '../../shared/event-report.ts';
import { defaultViewPhase, EventIdSchema, type KansokuEvent } from '../../shared/event.ts';
import type { Clock } from '../clock.ts';
import type { Storage } from '../db/database.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { HttpError } from '../http/http-error.ts';
import { phaseParam } from '../http/phase-param.ts';
import { parseInput } from '../http/validate.ts';
import { csvStream } from './csv.ts';
import { exportSpec, EXPORTS, headerOf, type ExportName } from './export-pages.ts';
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

const jsonText = (c: Context, body: string, download?: string) =>
  c.body(body, 200, {
    'content-type': 'application/json; charset=utf-8',
    ...(download ? { 'content-disposition': `attachment; filename="${download}"` } : {}),
  });

export function reportRoutes(deps: ReportRouteDeps): Hono {
  const { catalog, reports, shares, clock } = deps;
  const app = new Hono();
  app.get('/:id/report', async (c) => {
    const event = reportEvent(catalog, c.req.param('id'));
    return jsonText(c, await reports.json(event, phaseParam(c, event)));
  });
  app.get('/:id/export/report.json', async (c) => {
    const event = reportEvent(catalog, c.req.param('id'));
    const phase = phaseParam(c, event);
    return jsonText(c, await reports.json(event, phase), `${event.id}-${phase}-report.json`);
  });
  for (const name of EXPORTS) {
    for (const format of ['csv', 'parquet'] as const) {
      app.get(`/:id/export/${name}.${format}`, (c) => {
        const event = reportEvent(catalog, c.req.param('id'));
        const phase = phaseParam(c, event);
        const spec = exportSpec(name as ExportName, deps.storage.db, event.id, phase);
        const body = format === 'csv' ? csvStream(headerOf(spec), spec.read) : parquetStream(spec);
        return c.body(body, 200, {
          'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.apache.parquet',
          'content-disposition': `attachment; filename="${event.id}-${phase}-${name}.${format}"`,
        });
      });
    }
  }
  app.post('/:id/share', async (c) => {
    const event = reportEvent(catalog, c.req.param('id'));
    const phase = phaseParam(c, event);
    const days = parseInput(v.object({ days: ShareDaysSchema }), { days: c.req.query('days') }).days;
    const now = clock.now();
    const expiresAt = now + days * DAY_MS;
    const token = await shares.create(event.id, phase, now, expiresAt);
    const base = deps.publicUrl ?? new URL(c.req.url).origin;
    const link: ShareLink = {
      url: `${base}/share/${token}`,
      apiUrl: `${base}/api/share/${token}/report`,
      expiresAt: new Date(expiresAt).toISOString(),
      phase,
    };
    return c.json(link, 201);
  });
  app.delete('/:id/share', async (c) => {
    const event = reportEvent(catalog, c.req.param('id'));
    return c.json({ revoked: await shares.revokeAll(event.id, clock.now()) });
  });
  return app;
}

/** `GET /api/reports`: every event, latest first, with the figures of the phase its report opens on. */
export function pastEventRoutes(catalog: EventCatalog, reports: ReportService): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
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
    return c.json(rows);
  });
  return app;
}
