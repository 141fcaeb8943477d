/**
 * @module Authenticates Sora's webhook calls with the shared secret: `Authorization: Bearer <secret>` (from a proxy
 * or Sora's custom headers) or `?secret=<secret>` in the webhook URL configured in sora.conf.
 */
import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../http/http-error.ts';
import { tokenEquals } from './viewer-token.ts';

const bearer = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

/** With no secret configured the webhooks are off: every call gets 404, so nothing is accepted by accident. */
export function requireWebhookSecret(secret: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (secret === undefined)
      throw new HttpError(404, 'not-found', 'Sora webhooks are disabled: set SORA_WEBHOOK_SECRET');
    const given = bearer(c.req.header('authorization')) ?? c.req.query('secret');
    if (!tokenEquals(secret, given)) throw new HttpError(401, 'unauthorized', 'webhook secret required');
    await next();
  };
}
