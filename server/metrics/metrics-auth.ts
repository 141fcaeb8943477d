/**
 * @module Who may scrape `/metrics`: anyone the host routes accept (the host token as Bearer, or a host session), or a
 * scraper holding METRICS_TOKEN — a credential that opens `/metrics` and nothing else. Wrong tokens are throttled
 * like every other wrong secret (they fall through to the host check).
 */
import type { MiddlewareHandler } from 'hono';
import { bearerToken, secretMatches } from '../auth/host-auth.ts';

export function metricsAuth(requireHost: MiddlewareHandler, metricsToken: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (metricsToken !== undefined && secretMatches(metricsToken, bearerToken(c.req.header('authorization'))))
      return next();
    return requireHost(c, next);
  };
}
