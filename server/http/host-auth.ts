/** @module Host-only routes: refused with 401 JSON unless the request carries the host token or a live session cookie. */
import type { Context, MiddlewareHandler } from 'hono';
import type { AuthHeaders, HostAuth } from '../auth/host-auth.ts';
import { HttpError } from './http-error.ts';

export function authHeaders(c: Context): AuthHeaders {
  return {
    authorization: c.req.header('authorization'),
    cookie: c.req.header('cookie'),
    origin: c.req.header('origin'),
    host: c.req.header('host'),
    'x-forwarded-host': c.req.header('x-forwarded-host'),
  };
}

export function requireHost(auth: HostAuth): MiddlewareHandler {
  return async (c, next) => {
    if (!auth.identify(authHeaders(c))) {
      throw new HttpError(401, 'unauthorized', 'host login required: log in on the dashboard, or send Authorization: Bearer <KANSOKU_HOST_TOKEN>');
    }
    await next();
  };
}
