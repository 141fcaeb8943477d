/**
 * @module Feature: alerts. Evaluates every monitored event's rules on each new tick (polled just after the tick
 * loop runs), broadcasts `alert:raised` / `alert:cleared` to the event's dashboards and posts raised and cleared
 * alerts to the event's webhook. REST (host only): `GET /api/events/:id/alerts?phase=` (active + log of the phase),
 * `GET|PUT /api/events/:id/alert-rules` (`{ rules, webhook }`), `POST /api/events/:id/alert-webhook/test` (`{ url }`).
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { AlertRulesSchema, WebhookUrlSchema, type AlertSettings, type AlertsView } from '../../shared/alert.ts';
import type { FeatureContext } from '../feature.ts';
import { requireEvent } from '../http/require-event.ts';
import { eventRoom } from '../socket/rooms.ts';
import { phaseParam } from '../http/phase-param.ts';
import { parseJsonBody } from '../http/validate.ts';
import { createAlertService } from './alert-service.ts';
import { createAlertStore } from './alert-store.ts';
import { alertText, testText } from './alert-text.ts';
import { createWebhookSender } from './alert-webhook.ts';

/** How often to look for new ticks; a tick is judged at most this long after it was built. */
const POLL_MS = 200;
const LOG_LIMIT = 200;

const WebhookTestSchema = v.object({ url: WebhookUrlSchema });

export function mountAlerts(ctx: FeatureContext): void {
  const { catalog, clock, hosts, live } = ctx;
  const logger = ctx.logger.child({ module: 'alerts' });
  const store = createAlertStore(ctx.storage.db);
  const webhooks = createWebhookSender({ logger });
  const service = createAlertService({
    store,
    logger,
    emit: (notice) =>
      hosts.to(eventRoom(notice.eventId)).emit(notice.kind === 'raised' ? 'alert:raised' : 'alert:cleared', notice),
    notify: (notice, webhook) => {
      if (webhook)
        webhooks.send(webhook, notice, alertText(notice, catalog.get(notice.eventId)?.title ?? notice.eventId));
    },
  });

  const routes = new Hono();
  routes.get('/:id/alerts', async (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    const phase = phaseParam(c, event);
    const active = phase === event.phase ? service.active(event.id) : [];
    const view: AlertsView = { active, log: await store.log(event.id, phase, LOG_LIMIT) };
    return c.json(view);
  });
  routes.get('/:id/alert-rules', async (c) =>
    c.json<AlertSettings>(await service.settings(requireEvent(catalog, c.req.param('id')).id)),
  );
  routes.put('/:id/alert-rules', async (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    const { rules, webhook } = await parseJsonBody(c, AlertRulesSchema);
    // A client that sends only rules keeps the webhook that is set.
    const settings: AlertSettings = {
      rules,
      webhook: webhook === undefined ? (await service.settings(event.id)).webhook : webhook,
    };
    await service.setSettings(event.id, settings, clock.now());
    return c.json(settings);
  });
  routes.post('/:id/alert-webhook/test', async (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    const { url } = await parseJsonBody(c, WebhookTestSchema);
    return c.json(await webhooks.test(url, testText(event.title)));
  });
  ctx.http.route('/api/events', routes);

  const poll = ctx.timers.setInterval(() => {
    const now = clock.now();
    for (const monitor of live.current()) service.observe(monitor, now);
  }, POLL_MS);
  ctx.onClose(() => {
    ctx.timers.clearInterval(poll);
    webhooks.close();
  });
}
