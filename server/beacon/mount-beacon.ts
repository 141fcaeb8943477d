/**
 * @module Feature: viewer reports outside the normal socket path. `POST /api/beacon` for reports sent while the
 * socket is down, and pre-flight results (socket or beacon) kept per session, batched to storage every second.
 */
import type { FailureRecord } from '../../shared/funnel.ts';
import type { FeatureContext } from '../feature.ts';
import { eventRoom } from '../socket/rooms.ts';
import { createBeaconLimiter } from './beacon-limiter.ts';
import { beaconRoutes } from './beacon.routes.ts';
import { PreflightBook } from './preflight-book.ts';
import { preflightRoutes } from './preflight.routes.ts';
import { createPreflightStore } from './preflight-store.ts';
import { keepPreflight, type ViewerReportsDeps } from './viewer-reports.ts';

const FLUSH_MS = 1_000;

export function mountBeacon(ctx: FeatureContext): void {
  const { catalog, live, clock } = ctx;
  const logger = ctx.logger.child({ module: 'beacon' });
  const book = new PreflightBook();
  const store = createPreflightStore(ctx.storage.db);
  const reports: ViewerReportsDeps = {
    book,
    publishFailure: (record: FailureRecord, eventId: string) =>
      ctx.hosts.to(eventRoom(eventId)).emit('failure:new', record),
  };

  // One write at a time, in order; a failed write is logged and its rows dropped (they are not worth a retry loop).
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    writing = writing.then(async () => {
      const rows = book.drain();
      if (rows.length > 0)
        await store
          .write(rows)
          .catch((err: unknown) => logger.error({ err, rows: rows.length }, 'preflight write failed'));
    });
    return writing;
  };
  const timer = ctx.timers.setInterval(() => void flush(), FLUSH_MS);
  ctx.onClose(async () => {
    ctx.timers.clearInterval(timer);
    await flush();
  });

  ctx.http.route(
    '/api/beacon',
    beaconRoutes({
      ...reports,
      catalog,
      live,
      clock,
      limiter: createBeaconLimiter(),
      admission: ctx.admission,
      durable: ctx.durable,
    }),
  );
  ctx.http.route('/api/events', preflightRoutes(catalog, store, flush));

  // viewer.handlers.ts acks `viewer:preflight` and records the funnel step; this keeps the result itself.
  ctx.onViewerPreflight((monitor, session, preflight, now) => keepPreflight(reports, monitor, session, preflight, now));
}
