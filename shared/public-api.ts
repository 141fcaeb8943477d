/**
 * @module The public REST contract: endpoints without host credentials (a watch page, an embedding page, a share
 * link, a health check). One constant an endpoint, so a page's bundle keeps only the ones it calls.
 */
import { BeaconSchema } from './beacon.ts';
import type { EventReport } from './event-report.ts';
import { typed, type Endpoint } from './rest.ts';
import type { PublicEvent } from './sora-webhook.ts';
import { TicketRequestSchema, type ViewerTicket } from './viewer-ticket.ts';

export const HEALTH = { method: 'GET', path: '/api/health', answer: typed<{ ok: true; version: string }>() } as const;

/** What a watch or check page needs to join, with a viewer ticket for a new session (null when the budget is spent). */
export const PUBLIC_EVENT = { method: 'GET', path: '/api/public/events/:id', answer: typed<PublicEvent>() } as const;

/** Mints a viewer ticket, or renews the body's; sent as text/plain JSON (no CORS preflight). 429 when spent. */
export const VIEWER_TICKET = {
  method: 'POST',
  path: '/api/public/events/:id/ticket',
  body: TicketRequestSchema,
  answer: typed<ViewerTicket>(),
} as const;

/** A viewer's report sent by `navigator.sendBeacon` (text/plain JSON); answered 204 with no body. */
export const BEACON = { method: 'POST', path: '/api/beacon', body: BeaconSchema, answer: typed<null>() } as const;

/** The report a share link opens: sessions pseudonymous, no question authors; 404 once revoked or expired. */
export const SHARED_REPORT = { method: 'GET', path: '/api/share/:token/report', answer: typed<EventReport>() } as const;

export const PUBLIC_API = {
  health: HEALTH,
  publicEvent: PUBLIC_EVENT,
  viewerTicket: VIEWER_TICKET,
  beacon: BEACON,
  sharedReport: SHARED_REPORT,
} as const satisfies Record<string, Endpoint>;
