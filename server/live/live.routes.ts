/** @module REST views of live state: the latest tick and each viewer's latest state (host only). */
import { Hono } from 'hono';
import * as v from 'valibot';
import { TICK_HISTORY_LIMIT } from '../../shared/limits.ts';
import { parseInput } from '../http/validate.ts';
import type { Queries } from '../storage/queries.ts';
import type { ViewerSummary } from '../../shared/viewer.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { requireEvent } from '../events/event.routes.ts';
import type { LiveService } from './live-service.ts';
import { buildTick } from './tick-builder.ts';
import { viewerState, type ViewerSession } from './viewer-session.ts';

/** Upper bound of rows one REST read returns. */
const MAX_ROWS = 10_000;

export function summarizeViewer(session: ViewerSession, now: number): ViewerSummary {
  const m = session.current;
  return {
    sessionId: session.sessionId,
    state: viewerState(session, now),
    connected: session.connected,
    browser: session.client.browser,
    browserVersion: session.client.browserVersion,
    os: session.client.os,
    codec: m?.codec ?? null,
    kbps: m?.kbps ?? null,
    lossPct: m?.lossPct ?? null,
    jitterBufferMs: m?.jitterBufferMs ?? null,
    rttMs: m?.rttMs ?? null,
    fps: m?.fps ?? null,
    height: m?.height ?? null,
    band: session.grade?.band ?? null,
    reason: session.grade?.reason ?? null,
    stage: session.stage,
    failure: session.failure,
    firstSeen: session.firstSeen,
    lastSeen: session.lastSeen,
  };
}

const LimitSchema = v.optional(v.pipe(v.string(), v.regex(/^\d{1,5}$/), v.transform(Number), v.minValue(1), v.maxValue(MAX_ROWS)));
const SinceSchema = v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be ms since epoch'), v.transform(Number)));

export function liveRoutes(catalog: EventCatalog, live: LiveService, clock: Clock, queries: Queries): Hono {
  const app = new Hono();
  app.get('/:id/failures', async (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    const limit = parseInput(LimitSchema, c.req.query('limit')) ?? 100;
    return c.json(await queries.recentFailures(event.id, event.phase, limit));
  });
  app.get('/:id/ticks', async (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    const since = parseInput(SinceSchema, c.req.query('since')) ?? 0;
    const limit = parseInput(LimitSchema, c.req.query('limit')) ?? TICK_HISTORY_LIMIT;
    return c.json(await queries.ticks(event.id, event.phase, since, limit));
  });
  app.get('/:id/viewers/:sessionId/history', async (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    return c.json(await queries.viewerHistory(event.id, c.req.param('sessionId').slice(0, 64)));
  });
  app.get('/:id/live', (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    const monitor = live.monitor(event.id, clock.now());
    const latest = monitor?.ticks[monitor.ticks.length - 1];
    // Before the first second has passed there is no tick yet: build one without recording it.
    return c.json(latest ?? (monitor ? buildTick(monitor, clock.now()) : null));
  });
  app.get('/:id/viewers', (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    const monitor = live.monitor(event.id, clock.now());
    const now = clock.now();
    return c.json(monitor ? [...monitor.viewers.values()].map((s) => summarizeViewer(s, now)) : []);
  });
  return app;
}
