/**
 * @module Host login sessions, in memory (time injected): a random id maps to an expiry. With a `key` the id also
 * carries its expiry and a MAC, so any process holding the same key (a cluster, or this one after a restart)
 * accepts it without having seen the login; a logout is then a revocation, kept until the id would have expired.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a host stays logged in without logging in again (12 h covers a long rehearsal plus the show). */
export const HOST_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** More sessions than this and the oldest is dropped (bounds memory against a login loop). */
export const MAX_HOST_SESSIONS = 1_000;

export type HostSession = { id: string; createdAt: number; expiresAt: number };

export type SessionStore = {
  create(now: number): HostSession;
  /** The live session with this id, or undefined (unknown or expired). */
  get(id: string | undefined, now: number): HostSession | undefined;
  /** Logs `id` out (`now`: when, for a signed id this store never saw). */
  revoke(id: string, now?: number): void;
  /** Forgets expired sessions; returns their ids. */
  purge(now: number): string[];
  readonly size: number;
};

export type SessionStoreOptions = {
  /** Random, unguessable ids (e.g. 32 bytes of `randomBytes` as base64url). */
  newId: () => string;
  /** Signs ids (see the module note); without it only ids made by this store are known. */
  key?: Buffer;
  ttlMs?: number;
  maxSessions?: number;
};

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const ttlMs = options.ttlMs ?? HOST_SESSION_TTL_MS;
  const max = options.maxSessions ?? MAX_HOST_SESSIONS;
  // Insertion order is creation order, so the first key is the oldest session.
  const sessions = new Map<string, HostSession>();
  /** Signed ids logged out before they expire: id → expiry. */
  const revoked = new Map<string, number>();
  const mac = (body: string) =>
    createHmac('sha256', options.key as Buffer)
      .update(body)
      .digest('base64url');
  /** A signed id this store did not make (another process's login): its session, when the MAC and expiry hold. */
  const verified = (id: string, now: number): HostSession | undefined => {
    if (!options.key || revoked.has(id)) return undefined;
    const [random, expiry, given] = id.split('.');
    if (!random || !expiry || !given || given.length !== 43) return undefined;
    const expected = mac(`${random}.${expiry}`);
    if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return undefined;
    const expiresAt = Number.parseInt(expiry, 36);
    if (!(expiresAt > now) || expiresAt > now + ttlMs) return undefined;
    const session = { id, createdAt: expiresAt - ttlMs, expiresAt };
    sessions.set(id, session);
    return session;
  };
  return {
    create(now) {
      const expiresAt = now + ttlMs;
      const random = options.newId();
      const body = `${random}.${expiresAt.toString(36)}`;
      const session = { id: options.key ? `${body}.${mac(body)}` : random, createdAt: now, expiresAt };
      sessions.set(session.id, session);
      while (sessions.size > max) sessions.delete(sessions.keys().next().value as string);
      return session;
    },
    get(id, now) {
      if (id === undefined) return undefined;
      const session = sessions.get(id) ?? verified(id, now);
      if (!session) return undefined;
      if (session.expiresAt <= now) {
        sessions.delete(id);
        return undefined;
      }
      return session;
    },
    revoke(id, now = 0) {
      const session = sessions.get(id);
      sessions.delete(id);
      if (options.key) revoked.set(id, session?.expiresAt ?? now + ttlMs);
    },
    purge(now) {
      for (const [id, expiresAt] of revoked) if (expiresAt <= now) revoked.delete(id);
      const expired: string[] = [];
      for (const [id, s] of sessions) if (s.expiresAt <= now) expired.push(id);
      for (const id of expired) sessions.delete(id);
      return expired;
    },
    get size() {
      return sessions.size;
    },
  };
}
