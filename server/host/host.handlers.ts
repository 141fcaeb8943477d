/**
 * @module The `/host` namespace: dashboards authenticate, subscribe to an event's room and get a snapshot;
 * from then on they receive one `tick` a second (built once per event, however many dashboards listen).
 */
import type { Namespace, Socket } from 'socket.io';
import { defaultViewPhase, type Phase } from '../../shared/event.ts';
import { HostSubscribeSchema, type HostClientEvents, type HostServerEvents } from '../../shared/events.ts';
import { fail, ok } from '../../shared/result.ts';
import type { Tick } from '../../shared/tick.ts';
import type { HostAuth } from '../auth/host-auth.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import type { LiveService } from '../live/live-service.ts';
import type { Logger } from '../logger.ts';
import { createConnectionGuard } from '../socket/connection-guard.ts';
import { withAck } from '../socket/with-ack.ts';
import { eventRoom } from '../socket/rooms.ts';

/** Ticks in the subscribe snapshot (five minutes); older ones come from REST. */
const SNAPSHOT_TICKS = 300;

export type HostDeps = {
  catalog: EventCatalog;
  live: LiveService;
  /** The newest `limit` stored ticks of a phase, oldest first (for phases not in memory). */
  storedTicks(eventId: string, phase: Phase, limit: number): Promise<Tick[]>;
  clock: Clock;
  logger: Logger;
  /** True when the handshake carries valid host credentials. */
  authenticate(socket: Socket): boolean | Promise<boolean>;
};

/**
 * Accepts the host token as `auth.token` (tests, bench, scripts) or the dashboard's session cookie. The session id
 * is kept in `socket.data.hostSession` so logging out can disconnect that session's sockets. A wrong token is
 * refused only after the guess throttle's delay.
 */
export function hostAuthenticator(auth: HostAuth) {
  return async (socket: Socket): Promise<boolean> => {
    const h = socket.handshake.headers;
    const one = (x: string | string[] | undefined) => (Array.isArray(x) ? x[0] : x);
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string') {
      if (auth.verifyToken(token)) return true;
      const address = auth.clientAddress(socket.handshake.address, one(h['x-forwarded-for']));
      auth.guesses.failed(address);
      await auth.guesses.hold(address);
      return false;
    }
    const who = auth.identify({
      method: 'GET',
      cookie: h.cookie,
      origin: one(h.origin),
      host: h.host,
      'x-forwarded-host': one(h['x-forwarded-host']),
      'sec-fetch-site': one(h['sec-fetch-site']),
    });
    if (who?.via !== 'session') return false;
    (socket.data as { hostSession?: string }).hostSession = who.session.id;
    return true;
  };
}

export function registerHostNamespace(nsp: Namespace<HostClientEvents, HostServerEvents>, deps: HostDeps): void {
  const log = deps.logger.child({ module: 'host' });
  nsp.use((socket, next) => {
    void Promise.resolve(deps.authenticate(socket)).then((allowed) => {
      if (allowed) return next();
      next(
        Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized', message: 'host login required' } }),
      );
    }, next);
  });

  nsp.on('connection', (socket: Socket<HostClientEvents, HostServerEvents>) => {
    log.info({ id: socket.id }, 'dashboard connected');
    const ctx = {
      logger: log,
      guard: createConnectionGuard(20, 100),
      now: () => deps.clock.now(),
      drop: () => void socket.disconnect(true),
    };
    socket.on(
      'host:subscribe',
      withAck(ctx, 'host:subscribe', HostSubscribeSchema, async (request) => {
        const event = deps.catalog.get(request.eventId);
        if (!event) return fail('not-found', `no event with id "${request.eventId}"`);
        await socket.join(eventRoom(event.id));
        const phase = request.phase ?? defaultViewPhase(event);
        const monitor = phase === event.phase ? await deps.live.open(event.id) : deps.live.inMemory(event.id, phase);
        const ticks = monitor
          ? monitor.ticks.slice(-SNAPSHOT_TICKS)
          : await deps.storedTicks(event.id, phase, SNAPSHOT_TICKS);
        return ok({ event, phase, ticks });
      }),
    );
    socket.on(
      'host:unsubscribe',
      withAck(ctx, 'host:unsubscribe', HostSubscribeSchema, async ({ eventId }) => {
        await socket.leave(eventRoom(eventId));
        return ok(null);
      }),
    );
    socket.on('disconnect', () => log.info({ id: socket.id }, 'dashboard disconnected'));
  });
}
