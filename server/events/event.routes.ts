/** @module REST for events: list, create, read and patch (host only). */
import { Hono } from 'hono';
import { EventCreateSchema, EventPatchSchema } from '../../shared/event.ts';
import { HttpError } from '../http/http-error.ts';
import { requireEvent } from '../http/require-event.ts';
import { parseJsonBody } from '../http/validate.ts';
import type { EventCatalog } from './event-catalog.ts';

export function eventRoutes(catalog: EventCatalog): Hono {
  const app = new Hono();
  app.get('/', (c) => c.json(catalog.list()));
  app.post('/', async (c) => c.json(await catalog.create(await parseJsonBody(c, EventCreateSchema)), 201));
  app.get('/:id', (c) => c.json(requireEvent(catalog, c.req.param('id'))));
  app.patch('/:id', async (c) => {
    const id = requireEvent(catalog, c.req.param('id')).id;
    const updated = await catalog.update(id, await parseJsonBody(c, EventPatchSchema));
    if (!updated) throw new HttpError(404, 'not-found', `no event with id "${id}"`);
    return c.json(updated);
  });
  return app;
}
