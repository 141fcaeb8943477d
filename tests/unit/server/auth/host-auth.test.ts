/**
 * Host identity from headers: bearer token, session cookie (same origin only, proven for writes), expiry; secrets in
 * constant time.
 */
import { describe, expect, it } from 'vitest';
import { createHostAuth, secretMatches, SESSION_COOKIE } from '../../../../server/auth/host-auth.ts';
import { createSessionStore } from '../../../../server/auth/session-store.ts';

const TOKEN = 'host-token-0123456789abcdef';

function setup(hostPassword?: string) {
  const clock = {
    t: 1_000,
    now() {
      return this.t;
    },
  };
  const sessions = createSessionStore({ newId: () => 'sid-1', ttlMs: 60_000 });
  const timers = { setTimeout: (fn: () => void) => fn() };
  return { clock, auth: createHostAuth({ hostToken: TOKEN, hostPassword, clock, timers, sessions }) };
}

describe('host auth', () => {
  it('accepts the bearer token and refuses anything else', () => {
    const { auth } = setup();
    expect(auth.identify({ authorization: `Bearer ${TOKEN}` })).toEqual({ via: 'token' });
    expect(auth.identify({ authorization: 'Bearer wrong' })).toBeNull();
    expect(auth.identify({})).toBeNull();
  });

  it('accepts a live session cookie, from our own origin only, until it expires', () => {
    const { auth, clock } = setup();
    const session = auth.startSession();
    const cookie = `other=1; ${SESSION_COOKIE}=${session.id}`;
    expect(auth.identify({ cookie, host: 'kansoku.test' })).toMatchObject({ via: 'session', session: { id: 'sid-1' } });
    expect(auth.identify({ cookie, host: 'kansoku.test', origin: 'http://kansoku.test' })).not.toBeNull();
    expect(auth.identify({ cookie, host: 'kansoku.test', origin: 'https://evil.test' })).toBeNull();
    clock.t += 60_000;
    expect(auth.identify({ cookie, host: 'kansoku.test' })).toBeNull();
  });

  it('does not fall back to the cookie when a wrong bearer token is sent', () => {
    const { auth } = setup();
    const session = auth.startSession();
    expect(auth.identify({ authorization: 'Bearer wrong', cookie: `${SESSION_COOKIE}=${session.id}` })).toBeNull();
  });

  it('ends a session on logout', () => {
    const { auth } = setup();
    const session = auth.startSession();
    auth.endSession(session.id);
    expect(auth.identify({ cookie: `${SESSION_COOKIE}=${session.id}` })).toBeNull();
  });

  it('logs in with the token or the password, never with an empty or wrong secret', () => {
    const withPassword = setup('correct horse battery').auth;
    expect(withPassword.verifySecret(TOKEN)).toBe(true);
    expect(withPassword.verifySecret('correct horse battery')).toBe(true);
    expect(withPassword.verifySecret('correct horse')).toBe(false);
    expect(withPassword.verifyToken('correct horse battery')).toBe(false);
    expect(setup().auth.verifySecret('')).toBe(false);
  });

  it('compares secrets of any length', () => {
    expect(secretMatches('abc', 'abc')).toBe(true);
    expect(secretMatches('abc', 'abcd')).toBe(false);
    expect(secretMatches('abc', undefined)).toBe(false);
  });

  it('refuses a cookie with a state-changing request unless it proves our origin, and says why', () => {
    const { auth } = setup();
    const cookie = `${SESSION_COOKIE}=${auth.startSession().id}`;
    const post = { method: 'POST', cookie, host: 'kansoku.test' };
    expect(auth.check(post)).toEqual({ ok: false, reason: 'cross-origin' }); // no Origin, no Sec-Fetch-Site
    expect(auth.check({ ...post, origin: 'http://kansoku.test' }).ok).toBe(true);
    expect(auth.check({ ...post, 'sec-fetch-site': 'same-site', origin: 'http://kansoku.test' })).toEqual({
      ok: false,
      reason: 'cross-origin',
    });
    expect(auth.check({ ...post, authorization: `Bearer ${TOKEN}` }).ok).toBe(true); // scripts: the token is enough
    expect(auth.check({ method: 'POST', authorization: 'Bearer nope' })).toEqual({ ok: false, reason: 'wrong-token' });
    expect(auth.check({ method: 'POST' })).toEqual({ ok: false, reason: 'none' });
  });

  it('keys addresses by the peer unless TRUST_PROXY says how many proxies to believe', () => {
    const clock = { now: () => 0 };
    const timers = { setTimeout: (fn: () => void) => fn() };
    const direct = createHostAuth({ hostToken: TOKEN, clock, timers });
    const proxied = createHostAuth({ hostToken: TOKEN, clock, timers, trustProxy: 1 });
    expect(direct.clientAddress('10.0.0.9', '203.0.113.7')).toBe('10.0.0.9');
    expect(proxied.clientAddress('10.0.0.9', 'forged, 203.0.113.7')).toBe('203.0.113.7');
  });
});
