/**
 * @module REST views of an event phase (host only; `?phase=`, default `defaultViewPhase`): ticks, failures (one
 * session's with `?session=`), the latest tick and every session with its latest state. A phase in memory is read
 * from its monitor, any other from storage, so an ended show stays readable after a restart.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { HOST_API } from '../../shared/host-api.ts';
import { TICK_HISTORY_LIMIT } from '../../shared/limits.ts';
import type { Tick } from '../../shared/tick.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { requireEvent } from '../http/require-event.ts';
import { phaseParam } from '../http/phase-param.ts';
import { serve } from '../http/serve.ts';
import { parseInput } from '../http/validate.ts';
import type { Queries } from '../storage/queries.ts';
import type { LiveService } from './live-service.ts';
import { buildTick } from './tick-builder.ts';
import { summarizeStored, summarizeViewer } from './viewer-summary.ts';

const BASE = '/api/events';
/** Upper bound of rows one REST read returns. */
const MAX_ROWS = 10_000;

const LimitSchema = v.optional(
  v.pipe(v.string(), v.regex(/^\d{1,5}$/), v.transform(Number), v.minValue(1), v.maxValue(MAX_ROWS)),
);
/** `?session=`: one session's failures only (its evidence in the report). */
const SessionFilterSchema = v.object({ session: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))) });
const SinceSchema = v.optional(
  v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be ms since epoch'), v.transform(Number)),
);

/** `clustered`: this process holds only its own viewers (server/cluster/), so the viewer list comes from the record. */
export function liveRoutes(
  catalog: EventCatalog,
  live: LiveService,
  clock: Clock,
  queries: Queries,
  { clustered = false } = {},
): Hono {
  const app = new Hono();
  /** The phase's monitor: the current phase is restored on demand, an earlier one only if still in memory. */
  const monitorOf = async (eventId: string, phase: string) =>
    catalog.get(eventId)?.phase === phase ? live.open(eventId) : live.inMemory(eventId, phase as Tick['phase']);

  serve(app, BASE, HOST_API.failures, async (c, { params, reply }) => {
    const event = requireEvent(catalog, params.id);
    const limit = parseInput(LimitSchema, c.req.query('limit')) ?? 100;
    const { session } = parseInput(SessionFilterSchema, { session: c.req.query('session') });
    return reply(await queries.recentFailures(event.id, phaseParam(c, event), limit, session));
  });
  serve(app, BASE, HOST_API.ticks, async (c, { params, reply }) => {
    const event = requireEvent(catalog, params.id);
    const since = parseInput(SinceSchema, c.req.query('since')) ?? 0;
    const limit = parseInput(LimitSchema, c.req.query('limit')) ?? TICK_HISTORY_LIMIT;
    return reply(await queries.ticks(event.id, phaseParam(c, event), since, limit));
  });
  serve(app, BASE, HOST_API.viewerHistory, async (c, { params, reply }) => {
    const event = requireEvent(catalog, params.id);
    return reply(await queries.viewerHistory(event.id, phaseParam(c, event), params.sessionId.slice(0, 64)));
  });
  serve(app, BASE, HOST_API.live, async (c, { params, reply }) => {
    const event = requireEvent(catalog, params.id);
    const phase = phaseParam(c, event);
    const monitor = await monitorOf(event.id, phase);
    const latest = monitor?.ticks[monitor.ticks.length - 1];
    if (latest) return reply(latest);
    // The current phase before its first second: build one without recording it. An earlier phase: its last stored tick.
    if (monitor && phase === event.phase) return reply(buildTick(monitor, clock.now()));
    return reply((await queries.ticks(event.id, phase, 0, 1))[0] ?? null);
  });
  serve(app, BASE, HOST_API.viewers, async (c, { params, reply }) => {
    const event = requireEvent(catalog, params.id);
    const phase = phaseParam(c, event);
    const monitor = clustered ? undefined : await monitorOf(event.id, phase);
    const now = clock.now();
    if (monitor) return reply([...monitor.viewers.values()].map((s) => summarizeViewer(s, now)));
    return reply((await queries.listSessions(event.id, phase)).map(summarizeStored));
  });
  return app;
}
