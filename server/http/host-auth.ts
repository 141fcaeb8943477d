/** @module Host authentication: `Authorization: Bearer <token>` compared in constant time. */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './http-error.ts';

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim();
}

export function requireHost(hostToken: string): MiddlewareHandler {
  return async (c, next) => {
    if (!tokenMatches(hostToken, bearerToken(c.req.header('authorization')))) {
      throw new HttpError(401, 'unauthorized', 'host token required: Authorization: Bearer <KANSOKU_HOST_TOKEN>');
    }
    await next();
  };
}
