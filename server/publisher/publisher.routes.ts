/**
 * @module REST view of the broadcaster's upload (host only, under the `/api/events/*` guard):
 * `GET /api/events/:id/publisher?phase=` → `{ status, points }` (shared/publisher-status.ts).
 */
import { Hono } from 'hono';
import type { PublisherView } from '../../shared/publisher-status.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { phaseParam } from '../http/phase-param.ts';
import { requireEvent } from '../http/require-event.ts';
import type { PublisherService } from './publisher-service.ts';

export function publisherRoutes(deps: { catalog: EventCatalog; service: PublisherService; clock: Clock }): Hono {
  const routes = new Hono();
  routes.get('/:id/publisher', async (c) => {
    const event = requireEvent(deps.catalog, c.req.param('id'));
    const view: PublisherView = await deps.service.view(event.id, phaseParam(c, event), deps.clock.now());
    return c.json(view);
  });
  return routes;
}
