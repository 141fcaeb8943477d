/** @module REST for events: list, create, read and patch (host only; `HOST_API` of shared/host-api.ts). */
import { Hono } from 'hono';
import { HOST_API } from '../../shared/host-api.ts';
import { HttpError } from '../http/http-error.ts';
import { requireEvent } from '../http/require-event.ts';
import { serve } from '../http/serve.ts';
import type { EventCatalog } from './event-catalog.ts';

const BASE = '/api/events';

export function eventRoutes(catalog: EventCatalog): Hono {
  const app = new Hono();
  serve(app, BASE, HOST_API.events, (_c, { reply }) => reply(catalog.list()));
  serve(app, BASE, HOST_API.createEvent, async (_c, { body, reply }) => reply(await catalog.create(await body()), 201));
  serve(app, BASE, HOST_API.event, (_c, { params, reply }) => reply(requireEvent(catalog, params.id)));
  serve(app, BASE, HOST_API.updateEvent, async (_c, { params, body, reply }) => {
    const id = requireEvent(catalog, params.id).id;
    const updated = await catalog.update(id, await body());
    if (!updated) throw new HttpError(404, 'not-found', `no event with id "${id}"`);
    return reply(updated);
  });
  return app;
}
