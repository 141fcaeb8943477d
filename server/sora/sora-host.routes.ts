/**
 * @module Host-only views of Sora's side (mounted under `/api/events`, behind the host token): the event's viewer
 * and publisher tokens with the watch link, and the webhook / auth counts.
 */
import { Hono } from 'hono';
import { HOST_API } from '../../shared/host-api.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { requireEvent } from '../http/require-event.ts';
import { HttpError } from '../http/http-error.ts';
import { serve } from '../http/serve.ts';
import type { LiveService } from '../live/live-service.ts';
import { monitorSfuCount } from './sfu-count.ts';
import type { SoraLedger } from './sora-ledger.ts';
import type { TokenRole } from './viewer-token.ts';

export type SoraHostDeps = {
  catalog: EventCatalog;
  live: LiveService;
  clock: Clock;
  ledger: SoraLedger;
  /** Null when no secret is configured (tokens are then unavailable). */
  tokenFor: ((role: TokenRole, eventId: string) => string) | null;
};

const BASE = '/api/events';

export function soraHostRoutes(deps: SoraHostDeps): Hono {
  const app = new Hono();
  serve(app, BASE, HOST_API.viewerToken, (_c, { params, reply }) => {
    const event = requireEvent(deps.catalog, params.id);
    if (!deps.tokenFor) throw new HttpError(409, 'conflict', 'viewer tokens need SORA_WEBHOOK_SECRET to be set');
    const token = deps.tokenFor('viewer', event.id);
    return reply({
      eventId: event.id,
      token,
      watchPath: `/watch/${encodeURIComponent(event.id)}?token=${encodeURIComponent(token)}`,
      publisherToken: deps.tokenFor('publisher', event.id),
    });
  });
  serve(app, BASE, HOST_API.sora, (_c, { params, reply }) => {
    const event = requireEvent(deps.catalog, params.id);
    const monitor = deps.live.monitor(event.id);
    const sfu = monitor ? monitorSfuCount(monitor, deps.clock.now()) : null;
    return reply(deps.ledger.summary(event.id, event.phase, sfu));
  });
  return app;
}
