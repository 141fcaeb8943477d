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

describe('signed ids (a cluster: every process with the key accepts a login made on another)', () => {
  const key = Buffer.alloc(32, 7);
  let n = 0;
  const store = () => createSessionStore({ newId: () => `random${(n += 1)}`, ttlMs: 60_000, key });

  it('accepts a signed id it never made until it expires, and refuses a forged or re-dated one', () => {
    const made = store().create(1_000);
    const other = store();
    expect(other.get(made.id, 2_000)).toEqual({ ...made });
    expect(other.get(made.id, 61_000)).toBeUndefined();
    const [random, expiry, mac] = made.id.split('.') as [string, string, string];
    expect(store().get(`${random}.${(10_000_000).toString(36)}.${mac}`, 2_000)).toBeUndefined();
    expect(
      store().get(`${random}.${expiry}.${mac.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`, 2_000),
    ).toBeUndefined();
    expect(createSessionStore({ newId: () => 'x', key: Buffer.alloc(32, 8) }).get(made.id, 2_000)).toBeUndefined();
  });

  it('keeps a logged-out id refused until it would have expired', () => {
    const made = store().create(1_000);
    const other = store();
    other.revoke(made.id, 2_000);
    expect(other.get(made.id, 3_000)).toBeUndefined();
    other.purge(62_000);
    expect(other.get(made.id, 62_000)).toBeUndefined(); // expired by then anyway
  });
});
