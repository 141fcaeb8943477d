/**
 * @module Feature: the post-event report. Mounts the report, export and share routes, the past-events list, and
 * builds a phase's report as soon as its event moves on (docs/report.md).
 */
import type { FeatureContext } from '../feature.ts';
import { createReportService } from './report-service.ts';
import { pastEventRoutes, reportRoutes } from './report.routes.ts';
import { createShareLinks } from './share-links.ts';
import { shareRoutes } from './share.routes.ts';

export function mountReport(ctx: FeatureContext): void {
  const { catalog, clock, storage } = ctx;
  const reports = createReportService({
    storage,
    clock,
    timers: ctx.timers,
    logger: ctx.logger.child({ module: 'report' }),
    durable: ctx.durable,
    initial: catalog.list(),
  });
  const shares = createShareLinks(storage.db);
  catalog.onChange((event) => reports.eventChanged(event));
  ctx.http.route(
    '/api/events',
    reportRoutes({ catalog, reports, shares, storage, clock, publicUrl: ctx.config.publicUrl }),
  );
  ctx.http.use('/api/reports', ctx.requireHost);
  ctx.http.route('/api/reports', pastEventRoutes(catalog, reports));
  ctx.http.route('/api/share', shareRoutes(catalog, reports, shares, clock));
  ctx.onClose(() => reports.close());
}
