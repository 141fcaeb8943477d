/** The in-memory host session store: expiry, revocation, purge and its size bound. */
import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../../../server/auth/session-store.ts';

const ids = () => {
  let n = 0;
  return () => `session-${++n}`;
};

describe('session store', () => {
  it('finds a session until it expires, then forgets it', () => {
    const store = createSessionStore({ newId: ids(), ttlMs: 1_000 });
    const s = store.create(10_000);
    expect(s).toEqual({ id: 'session-1', createdAt: 10_000, expiresAt: 11_000 });
    expect(store.get('session-1', 10_999)).toEqual(s);
    expect(store.get('session-1', 11_000)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('does not know unknown, missing or revoked ids', () => {
    const store = createSessionStore({ newId: ids() });
    const s = store.create(0);
    expect(store.get(undefined, 0)).toBeUndefined();
    expect(store.get('nope', 0)).toBeUndefined();
    store.revoke(s.id);
    expect(store.get(s.id, 0)).toBeUndefined();
  });

  it('purges expired sessions and returns their ids', () => {
    const store = createSessionStore({ newId: ids(), ttlMs: 100 });
    store.create(0);
    store.create(50);
    expect(store.purge(120)).toEqual(['session-1']);
    expect(store.size).toBe(1);
  });

  it('drops the oldest session beyond its maximum', () => {
    const store = createSessionStore({ newId: ids(), maxSessions: 2 });
    store.create(0);
    store.create(1);
    store.create(2);
    expect(store.get('session-1', 3)).toBeUndefined();
    expect(store.get('session-3', 3)).toBeDefined();
    expect(store.size).toBe(2);
  });
});
