/**
 * @module Per-event tokens: an HMAC of the event id under the server's secret, so nothing is stored and a token
 * cannot be guessed or moved to another event. Viewers present theirs in Sora `metadata`; the auth webhook checks it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenRole = 'viewer' | 'publisher';

/** 43 URL-safe characters (SHA-256, base64url). Changing the secret changes every token. */
export function eventToken(secret: string, role: TokenRole, eventId: string): string {
  return createHmac('sha256', secret).update(`kansoku:${role}:${eventId}`).digest('base64url');
}

/** Constant-time comparison; anything that is not a string is simply wrong. */
export function tokenEquals(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
