/**
 * @module Viewer admission: the signed ticket a page gets per load (`GET /api/public/events/:id` carries one,
 * `POST /api/public/events/:id/ticket` mints or renews one) and presents on the `/viewer` handshake and in beacons.
 */
import * as v from 'valibot';

/** Server-minted: one ticket speaks for exactly this session id. */
export const SessionIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 URL-safe characters'));

/** `v1.<eventId>.<sessionId>.<expiry, s since epoch>.<HMAC-SHA256, base64url>`; opaque to clients. */
export const TicketSchema = v.pipe(
  v.string(),
  v.maxLength(256),
  v.regex(/^v1\.[A-Za-z0-9_.-]+$/, 'must be a viewer ticket'),
);

/** What the server hands a viewer page. */
export type ViewerTicket = {
  sessionId: string;
  ticket: string;
  /** Server time the ticket stops admitting new connections, ms since epoch. */
  expiresAt: number;
  /** Lifetime from now, ms: renew after half of it (clients use their own clock for that). */
  expiresInMs: number;
};

/**
 * `POST /api/public/events/:id/ticket` body (text/plain JSON, so no CORS preflight): renew `ticket`, or `{}` for a new
 * session.
 */
export const TicketRequestSchema = v.object({ ticket: v.optional(TicketSchema) });
export type TicketRequest = v.InferOutput<typeof TicketRequestSchema>;
