/**
 * @module Feature: host markers. `GET /api/events/:id/markers?phase=` lists a phase's, `POST` adds one (host only, via the
 * `/api/events/*` guard) and broadcasts `marker:new` to the event's dashboards.
 */
import { Hono } from 'hono';
import { MarkerCreateSchema } from '../../shared/marker.ts';
import type { FeatureContext } from '../feature.ts';
import { requireEvent } from '../http/require-event.ts';
import { eventRoom } from '../socket/rooms.ts';
import { phaseParam } from '../http/phase-param.ts';
import { parseJsonBody } from '../http/validate.ts';
import { createMarkerStore } from './marker-store.ts';

export function mountMarkers(ctx: FeatureContext): void {
  const { catalog, clock, hosts } = ctx;
  const store = createMarkerStore(ctx.storage.db);
  const routes = new Hono();
  routes.get('/:id/markers', async (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    return c.json(await store.list(event.id, phaseParam(c, event)));
  });
  routes.post('/:id/markers', async (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    const input = await parseJsonBody(c, MarkerCreateSchema);
    const marker = await store.add({
      eventId: event.id,
      phase: event.phase,
      t: input.t ?? clock.now(),
      kind: input.kind,
      label: input.label,
    });
    hosts.to(eventRoom(event.id)).emit('marker:new', marker);
    return c.json(marker, 201);
  });
  ctx.http.route('/api/events', routes);
}
