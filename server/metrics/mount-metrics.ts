/**
 * @module Feature: Prometheus metrics. `GET /metrics` (host token, host session or METRICS_TOKEN) serves the app's
 * registry: the live path's hooks (server/metrics/metrics.ts), the viewer acks (ack-tap.ts), and gauges read from the
 * live state at scrape time (viewers by state, sockets). docs/metrics.md lists every series.
 */
import { Gauge } from 'prom-client';
import type { FeatureContext } from '../feature.ts';
import { tapViewerAcks } from './ack-tap.ts';
import { metricsAuth } from './metrics-auth.ts';
import { countViewers } from './viewer-counts.ts';

export function mountMetrics(ctx: FeatureContext): void {
  const { registry, stopwatch } = ctx.metrics;
  const registers = [registry];
  const { live, clock, viewers, hosts } = ctx;

  new Gauge({
    name: 'kansoku_viewers',
    help: 'Open viewing sessions per event phase in memory on this process, by state.',
    labelNames: ['event', 'phase', 'state'],
    registers,
    collect() {
      this.reset(); // events and phases that left memory drop out
      for (const row of countViewers(live.all(), clock.now()))
        this.set({ event: row.event, phase: row.phase, state: row.state }, row.viewers);
    },
  });
  new Gauge({
    name: 'kansoku_sockets',
    help: 'Socket.io connections open on this process, by namespace.',
    labelNames: ['namespace'],
    registers,
    collect() {
      this.set({ namespace: 'viewer' }, viewers.sockets.size);
      this.set({ namespace: 'host' }, hosts.sockets.size);
    },
  });
  tapViewerAcks(viewers, registry, stopwatch);

  ctx.http.get('/metrics', metricsAuth(ctx.requireHost, ctx.config.metricsToken), async (c) => {
    const body = await registry.metrics();
    return c.body(body, 200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  });
}
