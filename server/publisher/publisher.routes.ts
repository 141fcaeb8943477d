/**
 * @module REST view of the broadcaster's upload (host only, under the `/api/events/*` guard):
 * `GET /api/events/:id/publisher?phase=` → `{ status, points }` (shared/host-api.ts `publisher`).
 */
import { Hono } from 'hono';
import { HOST_API } from '../../shared/host-api.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { phaseParam } from '../http/phase-param.ts';
import { requireEvent } from '../http/require-event.ts';
import { serve } from '../http/serve.ts';
import type { PublisherService } from './publisher-service.ts';

const BASE = '/api/events';

export function publisherRoutes(deps: { catalog: EventCatalog; service: PublisherService; clock: Clock }): Hono {
  const routes = new Hono();
  serve(routes, BASE, HOST_API.publisher, async (c, { params, reply }) => {
    const event = requireEvent(deps.catalog, params.id);
    return reply(await deps.service.view(event.id, phaseParam(c, event), deps.clock.now()));
  });
  return routes;
}
