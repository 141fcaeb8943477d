/** @module `GET /api/events/:id/preflight` (host only): stored pre-flight results of the event's current phase. */
import { Hono } from 'hono';
import * as v from 'valibot';
import { HOST_API } from '../../shared/host-api.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { requireEvent } from '../http/require-event.ts';
import { serve } from '../http/serve.ts';
import { parseInput } from '../http/validate.ts';
import type { PreflightStore } from './preflight-store.ts';

const LimitSchema = v.optional(
  v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(1000)),
);

/** `flush` first writes what is still pending, so the answer includes results from the last second. */
export function preflightRoutes(catalog: EventCatalog, store: PreflightStore, flush: () => Promise<void>): Hono {
  const app = new Hono();
  serve(app, '/api/events', HOST_API.preflight, async (c, { params, reply }) => {
    const event = requireEvent(catalog, params.id);
    const limit = parseInput(LimitSchema, c.req.query('limit')) ?? 100;
    await flush();
    return reply(await store.summary(event.id, event.phase, limit));
  });
  return app;
}
