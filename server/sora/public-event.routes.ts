/**
 * @module `GET /api/public/events/:id` (no auth): what a watch or check page needs to join. Only the title, the
 * phase and the Sora join settings leave the server; Discord settings and schedule stay private.
 */
import { Hono } from 'hono';
import type { KansokuEvent } from '../../shared/event.ts';
import type { PublicEvent } from '../../shared/sora-webhook.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { requireEvent } from '../events/event.routes.ts';

export type JoinTimeouts = { joinTimeoutMs: number; noMediaTimeoutMs: number };

/** Chrome 90 shipped WebRTC AV1; the event may ask for a newer minimum. */
export const DEFAULT_MIN_CHROME_VERSION = 90;

export function toPublicEvent(event: KansokuEvent, timeouts: JoinTimeouts): PublicEvent {
  const sora = event.sora;
  return {
    id: event.id,
    title: event.title,
    phase: event.phase,
    sora: sora
      ? { signalingUrls: [...sora.signalingUrls], channelId: sora.channelId, videoCodecType: sora.videoCodecType, metadata: sora.metadata }
      : null,
    minChromeVersion: sora?.minChromeVersion ?? DEFAULT_MIN_CHROME_VERSION,
    ...timeouts,
  };
}

export function publicEventRoutes(catalog: EventCatalog, timeouts: JoinTimeouts): Hono {
  const app = new Hono();
  app.get('/events/:id', (c) => {
    c.header('cache-control', 'no-store');
    return c.json(toPublicEvent(requireEvent(catalog, c.req.param('id')), timeouts));
  });
  return app;
}
