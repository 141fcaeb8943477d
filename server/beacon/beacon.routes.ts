/**
 * @module `POST /api/beacon` (no host auth): viewer reports sent by `navigator.sendBeacon` as text/plain JSON.
 * Checked for size, JSON, schema, event, viewer ticket and rate (per session, per address, per event, overall)
 * before anything is recorded; a bad beacon gets a 4xx, never a crash.
 */
import { Hono } from 'hono';
import { MAX_BEACON_BYTES } from '../../shared/beacon.ts';
import { clockChecked } from '../../shared/plausible-schemas.ts';
import { BEACON } from '../../shared/public-api.ts';
import { parseUserAgent } from '../../shared/user-agent.ts';
import type { Admission } from '../admission/admission.ts';
import { requestAddress } from '../admission/request-address.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { HttpError } from '../http/http-error.ts';
import { serve } from '../http/serve.ts';
import { parseInput } from '../http/validate.ts';
import type { LiveService } from '../live/live-service.ts';
import { countInvalid } from '../viewers/viewer.handlers.ts';
import type { BeaconLimiter } from './beacon-limiter.ts';
import { applyBeacon, type ViewerReportsDeps } from './viewer-reports.ts';

export type BeaconDeps = ViewerReportsDeps & {
  catalog: EventCatalog;
  live: LiveService;
  clock: Clock;
  limiter: BeaconLimiter;
  admission: Admission;
  /** Resolves once the beacon's effect is committed (the 204 is sent only then). */
  durable(): Promise<void>;
};

/** Beacons may come from an embedding page on another origin; the answer carries nothing worth protecting. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'content-type',
};

function parseBody(text: string): unknown {
  if (text.length > MAX_BEACON_BYTES)
    throw new HttpError(413, 'payload-too-large', `beacon over ${MAX_BEACON_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid-payload', 'body must be JSON');
  }
}

export function beaconRoutes(deps: BeaconDeps): Hono {
  const app = new Hono();
  // The payload's timestamp must be near the server clock (shared/plausibility.ts).
  const schema = clockChecked(BEACON.body, () => deps.clock.now(), 'payload.t');
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(CORS)) c.res.headers.set(name, value);
  });
  app.options('/', (c) => c.body(null, 204));
  serve(app, '/api/beacon', BEACON, async (c, { reply }) => {
    const body = parseBody(await c.req.text());
    // Like the socket handshake: no ticket is `unauthorized` (a malformed one fails the schema below).
    if (typeof body === 'object' && body !== null && typeof (body as { ticket?: unknown }).ticket !== 'string') {
      throw new HttpError(
        401,
        'unauthorized',
        'a viewer ticket is required (GET /api/public/events/:id or POST /api/public/events/:id/ticket)',
      );
    }
    const beacon = parseInput(schema, body);
    const now = deps.clock.now();
    if (!deps.catalog.get(beacon.eventId))
      throw new HttpError(404, 'not-found', `no event with id "${beacon.eventId}"`);
    const check = deps.admission.check(beacon.eventId, beacon.sessionId, beacon.ticket, now);
    if (!check.ok) {
      countInvalid(deps.live, beacon.eventId);
      throw new HttpError(401, 'unauthorized', `viewer ticket ${check.reason}`);
    }
    if (!deps.limiter.allow(`${beacon.eventId}\u0000${beacon.sessionId}`, now))
      throw new HttpError(429, 'rate-limited', 'too many beacons');
    // A leave only ends a session; everything else may add to storage, so it spends the address's and event's budget.
    const address = requestAddress(c, deps.admission.trustProxy);
    if (beacon.kind !== 'leave' && !deps.admission.spend('beacons', beacon.eventId, address, now)) {
      throw new HttpError(429, 'rate-limited', 'too many beacons from this address or for this event');
    }
    // A failure also spends the failure budget, as over the socket (a normal `shutdown` end is no failure).
    if (
      beacon.kind === 'failure' &&
      beacon.payload.category !== 'shutdown' &&
      !deps.admission.spend('failures', beacon.eventId, address, now)
    ) {
      throw new HttpError(429, 'rate-limited', 'too many failure reports from this address or for this event');
    }
    const monitor = await deps.live.open(beacon.eventId);
    if (!monitor) throw new HttpError(404, 'not-found', `no event with id "${beacon.eventId}"`);
    applyBeacon(deps, monitor, beacon, parseUserAgent(c.req.header('user-agent')), deps.clock.now());
    await deps.durable();
    return reply.empty();
  });
  return app;
}
