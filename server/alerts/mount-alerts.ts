/**
 * @module Feature: alerts. Evaluates every monitored event's rules on each new tick (polled just after the tick
 * loop runs), broadcasts `alert:raised` / `alert:cleared` to the event's dashboards and posts raised and cleared
 * alerts to the event's webhook. REST (host only): `GET /api/events/:id/alerts?phase=` (active + log of the phase),
 * `GET|PUT /api/events/:id/alert-rules` (`{ rules, webhook }`), `POST /api/events/:id/alert-webhook/test` (`{ url }`).
 * In a cluster the rules are evaluated where the event's lease is; the others serve what is up from the log.
 */
import { Hono } from 'hono';
import type { AlertSettings } from '../../shared/alert.ts';
import { HOST_API } from '../../shared/host-api.ts';
import type { FeatureContext } from '../feature.ts';
import { requireEvent } from '../http/require-event.ts';
import { eventRoom } from '../socket/rooms.ts';
import { phaseParam } from '../http/phase-param.ts';
import { serve } from '../http/serve.ts';
import { createAlertService, upInLog } from './alert-service.ts';
import { createAlertStore } from './alert-store.ts';
import { alertText, testText } from './alert-text.ts';
import { createWebhookSender } from './alert-webhook.ts';

/** How often to look for new ticks; a tick is judged at most this long after it was built. */
const POLL_MS = 200;
const LOG_LIMIT = 200;
const BASE = '/api/events';

export function mountAlerts(ctx: FeatureContext): void {
  const { catalog, clock, hosts, live } = ctx;
  const logger = ctx.logger.child({ module: 'alerts' });
  const store = createAlertStore(ctx.storage.db);
  const webhooks = createWebhookSender({ logger });
  const service = createAlertService({
    store,
    // Read at each evaluation: server/publisher/ sets ctx.uploads when it mounts, after this feature.
    upload: (eventId, phase, now) => ctx.uploads?.alertReading(eventId, phase, now) ?? null,
    logger,
    emit: (notice) =>
      hosts.to(eventRoom(notice.eventId)).emit(notice.kind === 'raised' ? 'alert:raised' : 'alert:cleared', notice),
    notify: (notice, webhook) => {
      if (webhook)
        webhooks.send(webhook, notice, alertText(notice, catalog.get(notice.eventId)?.title ?? notice.eventId));
    },
  });

  const routes = new Hono();
  serve(routes, BASE, HOST_API.alerts, async (c, { params, reply }) => {
    const event = requireEvent(catalog, params.id);
    const phase = phaseParam(c, event);
    const log = await store.log(event.id, phase, LOG_LIMIT);
    // Where the event is not evaluated (another process leads it), the log says what is up.
    const active = phase === event.phase ? (service.active(event.id) ?? upInLog(log)) : [];
    return reply({ active, log });
  });
  serve(routes, BASE, HOST_API.alertRules, async (_c, { params, reply }) =>
    reply(await service.settings(requireEvent(catalog, params.id).id)),
  );
  serve(routes, BASE, HOST_API.setAlertRules, async (_c, { params, body, reply }) => {
    const event = requireEvent(catalog, params.id);
    const { rules, webhook } = await body();
    // A client that sends only rules keeps the webhook that is set.
    const settings: AlertSettings = {
      rules,
      webhook: webhook === undefined ? (await service.settings(event.id)).webhook : webhook,
    };
    await service.setSettings(event.id, settings, clock.now());
    ctx.peers.tell('alert-settings', event.id);
    return reply(settings);
  });
  serve(routes, BASE, HOST_API.testWebhook, async (_c, { params, body, reply }) => {
    const event = requireEvent(catalog, params.id);
    const { url } = await body();
    return reply(await webhooks.test(url, testText(event.title)));
  });
  ctx.http.route(BASE, routes);

  // In a cluster: rules changed on another process are read again; an event led elsewhere now is forgotten here, so
  // leading it again starts from the log (what the other leader raised and cleared meanwhile).
  ctx.peers.hear('alert-settings', (eventId) => service.forget(eventId, 'settings'));
  ctx.peers.onLeadChange((eventId, leading) => leading || service.forget(eventId, 'all'));

  const poll = ctx.timers.setInterval(() => {
    const now = clock.now();
    for (const monitor of live.current()) if (ctx.peers.leads(monitor.eventId)) service.observe(monitor, now);
  }, POLL_MS);
  ctx.onClose(() => {
    ctx.timers.clearInterval(poll);
    webhooks.close();
  });
}
