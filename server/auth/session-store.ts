/**
 * @module Host login sessions, in memory (pure, time injected): a random id maps to an expiry. A restart logs
 * every host out, which is fine for a tool used by a handful of hosts.
 */

/** How long a host stays logged in without logging in again (12 h covers a long rehearsal plus the show). */
export const HOST_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** More sessions than this and the oldest is dropped (bounds memory against a login loop). */
export const MAX_HOST_SESSIONS = 1_000;

export type HostSession = { id: string; createdAt: number; expiresAt: number };

export type SessionStore = {
  create(now: number): HostSession;
  /** The live session with this id, or undefined (unknown or expired). */
  get(id: string | undefined, now: number): HostSession | undefined;
  revoke(id: string): void;
  /** Forgets expired sessions; returns their ids. */
  purge(now: number): string[];
  readonly size: number;
};

export type SessionStoreOptions = {
  /** Random, unguessable ids (e.g. 32 bytes of `randomBytes` as base64url). */
  newId: () => string;
  ttlMs?: number;
  maxSessions?: number;
};

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const ttlMs = options.ttlMs ?? HOST_SESSION_TTL_MS;
  const max = options.maxSessions ?? MAX_HOST_SESSIONS;
  // Insertion order is creation order, so the first key is the oldest session.
  const sessions = new Map<string, HostSession>();
  return {
    create(now) {
      const session = { id: options.newId(), createdAt: now, expiresAt: now + ttlMs };
      sessions.set(session.id, session);
      while (sessions.size > max) sessions.delete(sessions.keys().next().value as string);
      return session;
    },
    get(id, now) {
      if (id === undefined) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      if (session.expiresAt <= now) {
        sessions.delete(id);
        return undefined;
      }
      return session;
    },
    revoke(id) {
      sessions.delete(id);
    },
    purge(now) {
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
