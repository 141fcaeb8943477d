/**
 * @module Feature: host markers. `GET /api/events/:id/markers?phase=` lists a phase's, `POST` adds one (host only, via
 * the `/api/events/*` guard) and broadcasts `marker:new` to the event's dashboards.
 */
import { Hono } from 'hono';
import { HOST_API } from '../../shared/host-api.ts';
import type { FeatureContext } from '../feature.ts';
import { requireEvent } from '../http/require-event.ts';
import { eventRoom } from '../socket/rooms.ts';
import { phaseParam } from '../http/phase-param.ts';
import { serve } from '../http/serve.ts';
import { createMarkerStore } from './marker-store.ts';

const BASE = '/api/events';

export function mountMarkers(ctx: FeatureContext): void {
  const { catalog, clock, hosts } = ctx;
  const store = createMarkerStore(ctx.storage.db);
  const routes = new Hono();
  serve(routes, BASE, HOST_API.markers, async (c, { params, reply }) => {
    const event = requireEvent(catalog, params.id);
    return reply(await store.list(event.id, phaseParam(c, event)));
  });
  serve(routes, BASE, HOST_API.addMarker, async (_c, { params, body, reply }) => {
    const event = requireEvent(catalog, params.id);
    const input = await body();
    const marker = await store.add({
      eventId: event.id,
      phase: event.phase,
      t: input.t ?? clock.now(),
      kind: input.kind,
      label: input.label,
    });
    hosts.to(eventRoom(event.id)).emit('marker:new', marker);
    return reply(marker, 201);
  });
  ctx.http.route(BASE, routes);
}
