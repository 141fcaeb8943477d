/**
 * @module Sora → Kansoku: the event webhook (SFU viewer counts, connection.failed) and the auth webhook (viewer
 * tokens). Both answer fast and never throw past the error handler; Sora logs non-2xx answers as webhook errors.
 */
import { Hono } from 'hono';
import type { KansokuEvent } from '../../shared/event.ts';
import { ok } from '../../shared/result.ts';
import { SoraAuthWebhookSchema, SoraEventWebhookSchema } from '../../shared/sora-webhook.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { parseJsonBody } from '../http/validate.ts';
import type { LiveService } from '../live/live-service.ts';
import type { Logger } from '../logger.ts';
import { decideAuth } from './auth-webhook.ts';
import { eventsForChannel } from './channel-events.ts';
import { eventTime, readEventWebhook } from './event-webhook.ts';
import { recordWebhookCount } from './sfu-count.ts';
import type { SoraLedger } from './sora-ledger.ts';
import type { TokenRole } from './viewer-token.ts';
import { requireWebhookSecret } from './webhook-auth.ts';

export type SoraWebhookDeps = {
  catalog: EventCatalog;
  live: LiveService;
  clock: Clock;
  ledger: SoraLedger;
  logger: Logger;
  secret: string | undefined;
  tokenFor(role: TokenRole, eventId: string): string;
};

/** Sora counts the channel's viewers for an event that is on or about to be; a past event's record stays as it is. */
const monitorFor = (live: LiveService, event: KansokuEvent) =>
  event.phase === 'ended' ? live.monitor(event.id) : live.open(event.id);

export function soraWebhookRoutes(deps: SoraWebhookDeps): Hono {
  const { catalog, live, clock, ledger, logger } = deps;
  const app = new Hono();
  app.use('*', requireWebhookSecret(deps.secret));

  app.post('/event-webhook', async (c) => {
    const now = clock.now();
    const update = readEventWebhook(await parseJsonBody(c, SoraEventWebhookSchema), now);
    if (!update) return c.json(ok({ events: 0 }));
    const events = eventsForChannel(catalog.list(), update.channelId);
    for (const event of events) {
      const monitor = await monitorFor(live, event);
      if (monitor && update.recvonly !== null) recordWebhookCount(monitor.sfu, update.recvonly, update.t);
      ledger.recordConnection(event.id, event.phase, update);
    }
    if (update.kind === 'connection.failed')
      logger.info({ channelId: update.channelId, message: update.message }, 'sora connection.failed');
    return c.json(ok({ events: events.length }));
  });

  app.post('/auth-webhook', async (c) => {
    const now = clock.now();
    const request = await parseJsonBody(c, SoraAuthWebhookSchema);
    const events = eventsForChannel(catalog.list(), request.channel_id);
    const decision = decideAuth(request, events, deps.tokenFor);
    const reason = decision.response.allowed ? null : decision.response.reason;
    for (const event of events) {
      if (decision.role === 'viewer') ledger.recordAuth(event.id, event.phase, decision.response.allowed, reason);
      const monitor = await monitorFor(live, event);
      const count = request.channel_recvonly_connections;
      if (monitor && count !== undefined) recordWebhookCount(monitor.sfu, count, eventTime(request.timestamp, now));
    }
    if (reason !== null) {
      const log =
        decision.role === 'publisher' || events.length === 0 ? logger.warn.bind(logger) : logger.debug.bind(logger);
      log({ channelId: request.channel_id, role: request.role, reason }, 'sora auth webhook denied');
    }
    return c.json(decision.response);
  });
  return app;
}
