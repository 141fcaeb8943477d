/**
 * @module Feature: the broadcaster's upload. The publisher page's collector sends `publisher:sample` over the host
 * socket (handlers), the samples are stored and folded into each event phase's upload status, which is pushed to
 * the event's dashboards as `publisher:status` every second while a publisher reports (and once when it stops or
 * goes quiet), served at `GET /api/events/:id/publisher`, and read by the alert rules on the upload (`ctx.uploads`).
 * In a cluster the publisher reports to any process; that process tells the others, which catch up from storage, and
 * the event's leader alone pushes the status (one voice: a process with an older copy would contradict it).
 */
import type { Phase } from '../../shared/event.ts';
import { PUBLISHER_STALE_MS } from '../../shared/limits.ts';
import type { PublisherState, PublisherStatus } from '../../shared/publisher-status.ts';
import type { FeatureContext } from '../feature.ts';
import { eventRoom } from '../socket/rooms.ts';
import { registerPublisherHandlers } from './publisher.handlers.ts';
import { publisherRoutes } from './publisher.routes.ts';
import { createPublisherService } from './publisher-service.ts';
import { createPublisherStore } from './publisher-store.ts';

const PUSH_MS = 1_000;
/** A publisher silent this long is no longer pushed every second (its last status stays on the dashboards). */
const PUSH_STALE_FOR_MS = 10 * 60_000;
/** Phases whose stored upload is loaded at start, so a stall that began before a restart still alerts. */
const ON_AIR: ReadonlySet<Phase> = new Set(['rehearsal', 'live']);

export function mountPublisher(ctx: FeatureContext): void {
  const { catalog, clock } = ctx;
  const logger = ctx.logger.child({ module: 'publisher' });
  const service = createPublisherService(createPublisherStore(ctx.storage.db));
  const push = (status: PublisherStatus) => ctx.hosts.to(eventRoom(status.eventId)).emit('publisher:status', status);

  ctx.http.route('/api/events', publisherRoutes({ catalog, service, clock }));
  const stored = (status: PublisherStatus) => {
    ctx.peers.tell('publisher', status.eventId);
    if (ctx.peers.leads(status.eventId)) push(status);
  };
  ctx.hosts.on('connection', (socket) =>
    registerPublisherHandlers(socket, { catalog, service, clock, logger, stored }),
  );
  /** Another process stored samples, or this one now leads (alerts and pushes need the phase in memory). */
  const sync = (eventId: string) => {
    const phase = catalog.get(eventId)?.phase;
    if (!phase) return;
    service
      .sync(eventId, phase, clock.now(), ctx.peers.leads(eventId))
      .catch((err: unknown) => logger.error({ err, eventId }, 'catching up with the stored upload failed'));
  };
  ctx.peers.hear('publisher', sync);
  ctx.peers.onLeadChange((eventId, leading) => leading && sync(eventId));
  ctx.uploads = { alertReading: (eventId, phase, now) => service.alertReading(eventId, phase, now) };

  for (const event of catalog.list())
    if (ON_AIR.has(event.phase))
      service
        .view(event.id, event.phase, clock.now())
        .catch((err: unknown) => logger.error({ err, eventId: event.id }, 'loading the stored upload failed'));

  const pushed = new Map<string, PublisherState>();
  const loop = ctx.timers.setInterval(() => {
    const now = clock.now();
    const current = (eventId: string) => catalog.get(eventId)?.phase;
    for (const track of service.tracks()) {
      if (current(track.eventId) !== track.phase || !ctx.peers.leads(track.eventId)) continue;
      const status = track.status(now);
      const key = `${track.eventId}/${track.phase}`;
      const changed = pushed.get(key) !== status.state;
      const reporting =
        status.state === 'live' ||
        (status.state === 'stale' && now - (status.lastSampleAt ?? 0) < PUSH_STALE_FOR_MS + PUBLISHER_STALE_MS);
      if (!changed && !reporting) continue;
      pushed.set(key, status.state);
      push(status);
    }
    service.evict(now, current);
  }, PUSH_MS);
  ctx.onClose(() => ctx.timers.clearInterval(loop));
}
