/** The login state: session check, login outcomes mapped to messages, logout and expiry. */
import { describe, expect, it } from 'vitest';
import { HostAuthState } from '../../../../client/src/host/auth-state.svelte.ts';
import { HttpError } from '../../../../client/src/lib/http.ts';

const session = { via: 'session' as const, expiresAt: 1 };

describe('HostAuthState', () => {
  it('is the host when the session check passes, anonymous otherwise', async () => {
    const ok = new HostAuthState({
      session: async () => session,
      login: async () => session,
      logout: async () => ({ ok: true }),
    });
    await ok.check();
    expect(ok.status).toBe('host');
    const no = new HostAuthState({
      session: async () => {
        throw new HttpError(401, 'unauthorized', 'x');
      },
      login: async () => session,
      logout: async () => ({ ok: true }),
    });
    await no.check();
    expect(no.status).toBe('anonymous');
    expect(no.problem).toBeNull();
  });

  it('names the problem of a failed login', async () => {
    for (const [status, problem] of [
      [401, 'wrong-secret'],
      [429, 'rate-limited'],
      [0, 'unreachable'],
      [500, 'failed'],
    ] as const) {
      const auth = new HostAuthState({
        session: async () => session,
        logout: async () => ({ ok: true }),
        login: async () => {
          throw new HttpError(status, 'unauthorized', 'x');
        },
      });
      expect(await auth.login('guess')).toBe(false);
      expect(auth.problem).toBe(problem);
      expect(auth.busy).toBe(false);
    }
  });

  it('logs in, logs out, and expires', async () => {
    let loggedOut = false;
    const auth = new HostAuthState({
      session: async () => session,
      login: async () => session,
      logout: async () => ((loggedOut = true), { ok: true as const }),
    });
    expect(await auth.login('token')).toBe(true);
    expect(auth.status).toBe('host');
    await auth.logout();
    expect(loggedOut).toBe(true);
    expect(auth.status).toBe('anonymous');
    await auth.login('token');
    auth.expired();
    expect(auth.status).toBe('anonymous');
  });
});
