/**
 * @module Who counts as the host: a request or socket handshake carrying the host token (`Authorization: Bearer`,
 * socket `auth.token`) or a live session cookie. Logging in with the token or KANSOKU_HOST_PASSWORD creates a session.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse } from 'hono/utils/cookie';
import type { Clock } from '../clock.ts';
import { createSessionStore, type HostSession, type SessionStore } from './session-store.ts';

export const SESSION_COOKIE = 'kansoku_host';

export type HostIdentity = { via: 'token' } | { via: 'session'; session: HostSession };

/** The request headers that matter for host authentication (lower-case names). */
export type AuthHeaders = { authorization?: string; cookie?: string; origin?: string; host?: string; 'x-forwarded-host'?: string };

export type HostAuth = {
  /** The host identity the headers prove, or null. */
  identify(headers: AuthHeaders): HostIdentity | null;
  /** True when `secret` is the host token or the configured password. */
  verifySecret(secret: string): boolean;
  /** True when `token` is the host token (scripts and tests authenticate with it directly). */
  verifyToken(token: string): boolean;
  startSession(): HostSession;
  endSession(id: string): void;
  sessions: SessionStore;
  clock: Clock;
};

export type HostAuthOptions = { hostToken: string; hostPassword?: string; clock: Clock; sessions?: SessionStore };

/** Constant-time equality that also hides the length of the expected value (both sides are hashed first). */
export function secretMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim();
}

/**
 * A cookie is only trusted from our own pages: when the browser names an Origin, its host must be ours.
 * SameSite=Strict already keeps the cookie off cross-site requests; this also covers cross-site WebSockets.
 */
export function sameOrigin(headers: AuthHeaders): boolean {
  if (!headers.origin) return true;
  const ours = headers['x-forwarded-host'] ?? headers.host;
  try {
    return ours !== undefined && new URL(headers.origin).host === ours;
  } catch {
    return false;
  }
}

export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parse(cookieHeader, SESSION_COOKIE)[SESSION_COOKIE];
}

export function createHostAuth(options: HostAuthOptions): HostAuth {
  const { hostToken, hostPassword, clock } = options;
  const sessions = options.sessions ?? createSessionStore({ newId: () => randomBytes(32).toString('base64url') });
  return {
    identify(headers) {
      const bearer = bearerToken(headers.authorization);
      if (bearer !== undefined) return secretMatches(hostToken, bearer) ? { via: 'token' } : null;
      const session = sessions.get(sessionIdFrom(headers.cookie), clock.now());
      return session && sameOrigin(headers) ? { via: 'session', session } : null;
    },
    verifySecret(secret) {
      // Both comparisons always run, so timing does not tell which one matched.
      const token = secretMatches(hostToken, secret);
      const password = hostPassword !== undefined && secretMatches(hostPassword, secret);
      return token || password;
    },
    verifyToken: (token) => secretMatches(hostToken, token),
    startSession: () => sessions.create(clock.now()),
    endSession: (id) => sessions.revoke(id),
    sessions,
    clock,
  };
}
