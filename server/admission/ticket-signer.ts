/**
 * @module Viewer tickets (pure, takes `now`): an HMAC-SHA256 under the server's ticket key over event id, session
 * id and expiry. Nothing is stored: a ticket proves the server minted that session id for that event, so no other
 * ticket can speak for the session (session ownership) and a session id cannot be invented.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ViewerTicket } from '../../shared/viewer-ticket.ts';

export type TicketCheck =
  | { ok: true; sessionId: string; expiresAt: number }
  | { ok: false; reason: 'malformed' | 'forged' | 'wrong-event' | 'wrong-session' | 'expired' };

const SESSION_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 16 random URL-safe characters (96 bits); 64 symbols divide 256 evenly, so `byte & 63` is unbiased. */
export function newSessionId(): string {
  let id = '';
  for (const byte of randomBytes(16)) id += SESSION_ALPHABET[byte & 63];
  return id;
}

const mac = (key: Buffer, eventId: string, sessionId: string, expSeconds: number): string =>
  createHmac('sha256', key)
    .update(`kansoku-viewer-ticket:v1:${eventId}:${sessionId}:${expSeconds}`)
    .digest('base64url');

export type TicketSigner = {
  /** A ticket for `sessionId` (a new session when omitted) valid `ttlMs` from `now`. */
  mint(eventId: string, now: number, ttlMs: number, sessionId?: string): ViewerTicket;
  /**
   * Checks a ticket for `eventId` (and `sessionId` when given). `graceMs` lets an expired but authentic ticket
   * pass (renewal); the handshake and beacons use 0.
   */
  verify(ticket: string, eventId: string, now: number, sessionId?: string, graceMs?: number): TicketCheck;
};

export function createTicketSigner(key: Buffer): TicketSigner {
  return {
    mint(eventId, now, ttlMs, sessionId = newSessionId()) {
      const expSeconds = Math.ceil((now + ttlMs) / 1000);
      return {
        sessionId,
        ticket: `v1.${eventId}.${sessionId}.${expSeconds}.${mac(key, eventId, sessionId, expSeconds)}`,
        expiresAt: expSeconds * 1000,
        expiresInMs: expSeconds * 1000 - now,
      };
    },
    verify(ticket, eventId, now, sessionId, graceMs = 0) {
      // Ids never contain '.', so the five parts are unambiguous.
      const parts = ticket.split('.');
      if (parts.length !== 5 || parts[0] !== 'v1') return { ok: false, reason: 'malformed' };
      const [, forEvent, forSession, exp, given] = parts as [string, string, string, string, string];
      const expSeconds = Number(exp);
      if (!/^\d{1,12}$/.test(exp) || forEvent === '' || forSession === '') return { ok: false, reason: 'malformed' };
      const expected = Buffer.from(mac(key, forEvent, forSession, expSeconds));
      const actual = Buffer.from(given);
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
        return { ok: false, reason: 'forged' };
      if (forEvent !== eventId) return { ok: false, reason: 'wrong-event' };
      if (sessionId !== undefined && forSession !== sessionId) return { ok: false, reason: 'wrong-session' };
      if (now >= expSeconds * 1000 + graceMs) return { ok: false, reason: 'expired' };
      return { ok: true, sessionId: forSession, expiresAt: expSeconds * 1000 };
    },
  };
}

/** A `SignTicket` for tools holding the key (the demo's and the bench's simulated viewers): each call mints anew. */
export const ticketMinter =
  (signer: TicketSigner, now: () => number, ttlMs: number) =>
  (eventId: string, sessionId: string): string =>
    signer.mint(eventId, now(), ttlMs, sessionId).ticket;
