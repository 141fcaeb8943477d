/**
 * @module Who counts as the host: a request or socket handshake carrying the host token (`Authorization: Bearer`,
 * socket `auth.token`) or a live session cookie from our own pages. Logging in with the token or
 * KANSOKU_HOST_PASSWORD creates a session. Wrong secrets of every kind are throttled (guess-throttle.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse } from 'hono/utils/cookie';
import type { Clock, Timers } from '../clock.ts';
import { clientAddress } from './client-address.ts';
import { createGuessThrottle } from './guess-throttle.ts';
import { fromOurPages, type OriginHeaders } from './request-origin.ts';
import { createSessionStore, type HostSession, type SessionStore } from './session-store.ts';

export const SESSION_COOKIE = 'kansoku_host';

export type HostIdentity = { via: 'token' } | { via: 'session'; session: HostSession };

/** The request headers that matter for host authentication (lower-case names; `method` is the request's). */
export type AuthHeaders = OriginHeaders & { authorization?: string; cookie?: string };

/** Why credentials were not accepted: none sent, a wrong token, or a live cookie sent from another origin. */
export type HostCheck =
  { ok: true; who: HostIdentity } | { ok: false; reason: 'none' | 'wrong-token' | 'cross-origin' };

export type Guesses = {
  /** Waits as long as the throttle says for `address` (before a login is checked, or before a refusal goes out). */
  hold(address: string): Promise<void>;
  /** Counts a wrong secret from `address`. */
  failed(address: string): void;
  succeeded(address: string): void;
};

export type HostAuth = {
  check(headers: AuthHeaders): HostCheck;
  /** The host identity the headers prove, or null. */
  identify(headers: AuthHeaders): HostIdentity | null;
  /** True when `secret` is the host token or the configured password. */
  verifySecret(secret: string): boolean;
  /** True when `token` is the host token (scripts and tests authenticate with it directly). */
  verifyToken(token: string): boolean;
  /** The client's address: the peer, or with TRUST_PROXY the address the proxy put in X-Forwarded-For. */
  clientAddress(remote: string | undefined, forwardedFor: string | undefined): string;
  guesses: Guesses;
  startSession(): HostSession;
  endSession(id: string): void;
  sessions: SessionStore;
  clock: Clock;
};

export type HostAuthOptions = {
  hostToken: string;
  hostPassword?: string;
  clock: Clock;
  timers: Pick<Timers, 'setTimeout'>;
  sessions?: SessionStore;
  /** Signs login sessions so every process holding the key accepts them (server/auth/session-store.ts). */
  sessionKey?: Buffer;
  /** A login session ended here (logout): a cluster tells its other processes. */
  onSessionEnd?: (id: string) => void;
  /** TRUST_PROXY: how many proxies in front of us to believe in X-Forwarded-For (0 = none). */
  trustProxy?: number;
  /** The longest a throttled attempt is held (KANSOKU_LOGIN_MAX_DELAY_MS). */
  maxDelayMs?: number;
};

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

export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parse(cookieHeader, SESSION_COOKIE)[SESSION_COOKIE];
}

export function createHostAuth(options: HostAuthOptions): HostAuth {
  const { hostToken, hostPassword, clock, timers } = options;
  const sessions =
    options.sessions ??
    createSessionStore({ newId: () => randomBytes(32).toString('base64url'), key: options.sessionKey });
  const throttle = createGuessThrottle({ maxDelayMs: options.maxDelayMs });
  const sleep = (ms: number) =>
    ms > 0 ? new Promise<void>((resolve) => timers.setTimeout(resolve, ms)) : Promise.resolve();
  const check = (headers: AuthHeaders): HostCheck => {
    const bearer = bearerToken(headers.authorization);
    if (bearer !== undefined)
      return secretMatches(hostToken, bearer)
        ? { ok: true, who: { via: 'token' } }
        : { ok: false, reason: 'wrong-token' };
    const session = sessions.get(sessionIdFrom(headers.cookie), clock.now());
    if (!session) return { ok: false, reason: 'none' };
    return fromOurPages(headers)
      ? { ok: true, who: { via: 'session', session } }
      : { ok: false, reason: 'cross-origin' };
  };
  return {
    check,
    identify: (headers) => {
      const result = check(headers);
      return result.ok ? result.who : null;
    },
    verifySecret(secret) {
      // Both comparisons always run, so timing does not tell which one matched.
      const token = secretMatches(hostToken, secret);
      const password = hostPassword !== undefined && secretMatches(hostPassword, secret);
      return token || password;
    },
    verifyToken: (token) => secretMatches(hostToken, token),
    clientAddress: (remote, forwardedFor) => clientAddress(remote, forwardedFor, options.trustProxy ?? 0),
    guesses: {
      hold: (address) => sleep(throttle.delay(address, clock.now())),
      failed: (address) => throttle.failed(address, clock.now()),
      succeeded: (address) => throttle.succeeded(address),
    },
    startSession: () => sessions.create(clock.now()),
    endSession: (id) => {
      sessions.revoke(id, clock.now());
      options.onSessionEnd?.(id);
    },
    sessions,
    clock,
  };
}
