/**
 * @module `GET /api/public/events/:id` (no auth): what a watch or check page needs to join. Only the title, the
 * phase and the Sora join settings leave the server; Discord settings and schedule stay private. Each load also
 * carries a viewer ticket for a new session (null when the ticket budget is spent: the page asks again later).
 */
import { Hono, type Context } from 'hono';
import type { KansokuEvent } from '../../shared/event.ts';
import { PUBLIC_EVENT } from '../../shared/public-api.ts';
import type { PublicEvent } from '../../shared/sora-webhook.ts';
import type { ViewerTicket } from '../../shared/viewer-ticket.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { requireEvent } from '../http/require-event.ts';
import { serve } from '../http/serve.ts';

export type JoinTimeouts = { joinTimeoutMs: number; noMediaTimeoutMs: number };

/** Chrome 90 shipped WebRTC AV1; the event may ask for a newer minimum. */
export const DEFAULT_MIN_CHROME_VERSION = 90;

export function toPublicEvent(
  event: KansokuEvent,
  timeouts: JoinTimeouts,
  viewer: ViewerTicket | null = null,
): PublicEvent {
  const sora = event.sora;
  return {
    id: event.id,
    title: event.title,
    phase: event.phase,
    sora: sora
      ? {
          signalingUrls: [...sora.signalingUrls],
          channelId: sora.channelId,
          videoCodecType: sora.videoCodecType,
          metadata: sora.metadata,
        }
      : null,
    minChromeVersion: sora?.minChromeVersion ?? DEFAULT_MIN_CHROME_VERSION,
    ...timeouts,
    viewer,
  };
}

/** `issueTicket` mints the page's viewer ticket (server/admission). */
export function publicEventRoutes(
  catalog: EventCatalog,
  timeouts: JoinTimeouts,
  issueTicket: (eventId: string, c: Context) => ViewerTicket | null,
): Hono {
  const app = new Hono();
  serve(app, '/api/public', PUBLIC_EVENT, (c, { params, reply }) => {
    c.header('cache-control', 'no-store');
    const event = requireEvent(catalog, params.id);
    return reply(toPublicEvent(event, timeouts, issueTicket(event.id, c)));
  });
  return app;
}
