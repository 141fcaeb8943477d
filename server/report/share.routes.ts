/** @module `GET /api/share/:token/report`: the report a share link opens, without host credentials (docs/report.md). */
import { Hono } from 'hono';
import { SHARED_REPORT } from '../../shared/public-api.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { HttpError } from '../http/http-error.ts';
import { serve } from '../http/serve.ts';
import { shareView } from './report-builder.ts';
import type { ReportService } from './report-service.ts';
import type { ShareLinks } from './share-links.ts';

const REFUSALS = {
  unknown: 'no such share link',
  revoked: 'this share link was revoked by the host',
  expired: 'this share link has expired',
} as const;

export function shareRoutes(catalog: EventCatalog, reports: ReportService, shares: ShareLinks, clock: Clock): Hono {
  const app = new Hono();
  serve(app, '/api/share', SHARED_REPORT, async (c, { params, reply }) => {
    const grant = await shares.open(params.token, clock.now());
    if (typeof grant === 'string') throw new HttpError(404, 'not-found', REFUSALS[grant], 'token');
    const event = catalog.get(grant.eventId);
    if (!event) throw new HttpError(404, 'not-found', REFUSALS.unknown, 'token');
    c.header('cache-control', 'private, no-store');
    c.header('referrer-policy', 'no-referrer');
    return reply(shareView(await reports.report(event, grant.phase)));
  });
  return app;
}
