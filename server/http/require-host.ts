/**
 * @module Host-only routes: refused with 401 JSON unless the request carries the host token or a live session cookie
 * (403 when the cookie comes with a state-changing request from another origin). Wrong tokens are answered slowly.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { AuthHeaders, HostAuth } from '../auth/host-auth.ts';
import { HttpError } from './http-error.ts';

export function authHeaders(c: Context): AuthHeaders {
  return {
    method: c.req.method,
    authorization: c.req.header('authorization'),
    cookie: c.req.header('cookie'),
    origin: c.req.header('origin'),
    host: c.req.header('host'),
    'x-forwarded-host': c.req.header('x-forwarded-host'),
    'sec-fetch-site': c.req.header('sec-fetch-site'),
  };
}

/** The client's address as HostAuth keys it (X-Forwarded-For only with TRUST_PROXY). */
export function requestAddress(auth: HostAuth, c: Context): string {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    remote = undefined; // not served by @hono/node-server (in-process app.request())
  }
  return auth.clientAddress(remote, c.req.header('x-forwarded-for'));
}

export const CROSS_ORIGIN_MESSAGE =
  'refused: the session cookie was sent from another origin (send the request from the dashboard, or use Authorization: Bearer)';

export function requireHost(auth: HostAuth): MiddlewareHandler {
  return async (c, next) => {
    const result = auth.check(authHeaders(c));
    if (!result.ok) {
      if (result.reason === 'cross-origin') throw new HttpError(403, 'unauthorized', CROSS_ORIGIN_MESSAGE);
      if (result.reason === 'wrong-token') {
        // Answered only after the throttle's delay: a guesser waits, a script with the right token never does.
        const address = requestAddress(auth, c);
        auth.guesses.failed(address);
        await auth.guesses.hold(address);
      }
      throw new HttpError(
        401,
        'unauthorized',
        'host login required: log in on the dashboard, or send Authorization: Bearer <KANSOKU_HOST_TOKEN>',
      );
    }
    await next();
  };
}
