/**
 * @module Feature: alerts. Evaluates every monitored event's rules on each new tick (polled just after the tick
 * loop runs) and broadcasts `alert:raised` / `alert:cleared` to the event's dashboards. REST (host only):
 * `GET /api/events/:id/alerts?phase=` (active + log of the phase), `GET|PUT /api/events/:id/alert-rules`.
 */
import { Hono } from 'hono';
import { AlertRulesSchema, type AlertsView } from '../../shared/alert.ts';
import type { FeatureContext } from '../feature.ts';
import { requireEvent } from '../events/event.routes.ts';
import { eventRoom } from '../host/host.handlers.ts';
import { phaseParam } from '../http/phase-param.ts';
import { parseJsonBody } from '../http/validate.ts';
import { createAlertService } from './alert-service.ts';
import { createAlertStore } from './alert-store.ts';

/** How often to look for new ticks; a tick is judged at most this long after it was built. */
const POLL_MS = 200;
const LOG_LIMIT = 200;

export function mountAlerts(ctx: FeatureContext): void {
  const { catalog, clock, hosts, live } = ctx;
  const store = createAlertStore(ctx.storage.db);
  const service = createAlertService({
    store,
    logger: ctx.logger.child({ module: 'alerts' }),
    emit: (notice) => hosts.to(eventRoom(notice.eventId)).emit(notice.kind === 'raised' ? 'alert:raised' : 'alert:cleared', notice),
  });

  const routes = new Hono();
  routes.get('/:id/alerts', async (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    const phase = phaseParam(c, event);
    const active = phase === event.phase ? service.active(event.id) : [];
    const view: AlertsView = { active, log: await store.log(event.id, phase, LOG_LIMIT) };
    return c.json(view);
  });
  routes.get('/:id/alert-rules', async (c) => c.json({ rules: await service.rules(requireEvent(catalog, c.req.param('id')).id) }));
  routes.put('/:id/alert-rules', async (c) => {
    const event = requireEvent(catalog, c.req.param('id'));
    const { rules } = await parseJsonBody(c, AlertRulesSchema);
    await service.setRules(event.id, rules, clock.now());
    return c.json({ rules });
  });
  ctx.http.route('/api/events', routes);

  const poll = ctx.timers.setInterval(() => {
    const now = clock.now();
    for (const monitor of live.current()) service.observe(monitor, now);
  }, POLL_MS);
  ctx.onClose(() => ctx.timers.clearInterval(poll));
}
