/**
 * @module `POST /api/public/events/:id/ticket` (no auth, any origin): mints a viewer ticket for a new session, or
 * renews the one in the body for the same session. The body is text/plain JSON, so an embedding page on another
 * origin needs no CORS preflight. 429 when the address's or the event's ticket budget is spent.
 */
import { Hono } from 'hono';
import { VIEWER_TICKET } from '../../shared/public-api.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { requireEvent } from '../http/require-event.ts';
import { HttpError } from '../http/http-error.ts';
import { serve } from '../http/serve.ts';
import { parseInput } from '../http/validate.ts';
import type { Admission } from './admission.ts';
import { requestAddress } from './request-address.ts';

const MAX_TICKET_REQUEST_BYTES = 1024;

export function ticketRoutes(catalog: EventCatalog, admission: Admission, clock: Clock): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('access-control-allow-origin', '*');
    c.res.headers.set('cache-control', 'no-store');
  });
  // The body is parsed here, not by `body()`: it may be empty (a new session) and is capped far below the REST limit.
  serve(app, '/api/public', VIEWER_TICKET, async (c, { params, reply }) => {
    const event = requireEvent(catalog, params.id);
    const text = await c.req.text();
    if (text.length > MAX_TICKET_REQUEST_BYTES)
      throw new HttpError(413, 'payload-too-large', `body over ${MAX_TICKET_REQUEST_BYTES} bytes`);
    let body: unknown = {};
    try {
      if (text.trim() !== '') body = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'invalid-payload', 'body must be JSON');
    }
    const request = parseInput(VIEWER_TICKET.body, body);
    const ticket = admission.issue(event.id, requestAddress(c, admission.trustProxy), clock.now(), request.ticket);
    if (!ticket)
      throw new HttpError(
        429,
        'rate-limited',
        'too many viewer tickets from this address or for this event; retry in a minute',
      );
    return reply(ticket);
  });
  return app;
}
