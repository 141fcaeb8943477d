/**
 * @module The `/viewer` namespace: handshake checks (schema, known event, viewer ticket), then one handler per event.
 * Handlers parse (via withAck), call the monitor, wait until the change is committed to storage, and ack: acked =
 * stored. A socket of a new session counts only once it sends a valid sample, funnel step, failure or pre-flight;
 * one that sends none within VIEWER_IDLE_DEADLINE_MS is closed without ever having counted.
 */
import type { Namespace, Socket } from 'socket.io';
import {
  SfuCountSchema,
  ViewerHelloSchema,
  type ViewerClientEvents,
  type ViewerServerEvents,
} from '../../shared/events.ts';
import {
  FailureReportSchema,
  FunnelStepSchema,
  PreflightSchema,
  type FailureRecord,
  type Preflight,
} from '../../shared/funnel.ts';
import { BIG_AUDIENCE_VIEWERS, VIEWER_IDLE_DEADLINE_MS } from '../../shared/limits.ts';
import { fail, ok } from '../../shared/result.ts';
import { clockChecked, plausibleStatsBatch } from '../../shared/plausible-schemas.ts';
import { parseUserAgent } from '../../shared/user-agent.ts';
import type { Admission } from '../admission/admission.ts';
import { clientAddress } from '../auth/client-address.ts';
import type { Clock, Timers } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import type { LiveService } from '../live/live-service.ts';
import {
  connectViewer,
  disconnectViewer,
  ingestSamples,
  recordStep,
  recordViewerFailure,
  type EventMonitor,
} from '../live/event-monitor.ts';
import type { ViewerSession } from '../live/viewer-session.ts';
import type { Logger } from '../logger.ts';
import { recordViewerCount } from '../sora/sfu-count.ts';
import { createCadence, type Cadence } from './cadence.ts';
import { fullAcks, statsAck, welcomed } from './compact-acks.ts';
import { createConnectionGuard } from '../socket/connection-guard.ts';
import { checkHandshake } from './viewer-handshake.ts';
import { withAck } from '../socket/with-ack.ts';

/** Who counts as a viewer, and when the audience is big; tests shrink them. */
export type ViewerLimits = { idleDeadlineMs: number; bigAudienceViewers: number };
export const DEFAULT_VIEWER_LIMITS: ViewerLimits = {
  idleDeadlineMs: VIEWER_IDLE_DEADLINE_MS,
  bigAudienceViewers: BIG_AUDIENCE_VIEWERS,
};

export type ViewerDeps = {
  catalog: EventCatalog;
  live: LiveService;
  admission: Admission;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  limits?: ViewerLimits;
  /** Resolves once every change made so far is committed to storage (acks wait for it). */
  durable(): Promise<void>;
  onFailure(failure: FailureRecord, eventId: string): void;
  /** A pre-flight result arrived over the socket (its funnel step is already recorded). */
  onPreflight?(m: EventMonitor, session: ViewerSession, preflight: Preflight, now: number): void;
  /** Brings a session another process of a cluster left into `m` from the record (server/cluster/). */
  adopt?(m: EventMonitor, sessionId: string): Promise<void>;
  /** The send cadence under the server's measured load (server/viewers/cadence.ts); the plain audience rule when omitted. */
  cadence?: Cadence;
};

/** Set at the handshake; `address` is the client's budget address (server/auth/client-address.ts), never stored. */
export type ViewerSocketData = { eventId: string; sessionId: string; address: string };
type SocketData = ViewerSocketData;
type ViewerSocket = Socket<ViewerClientEvents, ViewerServerEvents, Record<string, never>, SocketData>;

const refuse = (code: string, message: string) => Object.assign(new Error(code), { data: { code, message } });

/** The audience of the cadence rule: open sessions as of the last tick (sessions exist only for real viewers). */
const audienceOf = (monitor: EventMonitor): number => monitor.ticks[monitor.ticks.length - 1]?.viewers.total ?? 0;

/** Counts a refused message in its event's next tick (`ingest.invalid`), opening the event's live state if need be. */
export function countInvalid(live: LiveService, eventId: string): void {
  live.open(eventId).then(
    (m) => {
      if (m) m.ingest.invalid += 1;
    },
    () => undefined,
  );
}

export function registerViewerNamespace(
  nsp: Namespace<ViewerClientEvents, ViewerServerEvents>,
  deps: ViewerDeps,
): void {
  const log = deps.logger.child({ module: 'viewers' });
  const limits = deps.limits ?? DEFAULT_VIEWER_LIMITS;
  const cadence = deps.cadence ?? createCadence();
  const sendIntervalFor = (m: EventMonitor): number => cadence.intervalFor(audienceOf(m), limits.bigAudienceViewers);
  // Wire schemas plus plausibility (shared/plausibility.ts): timestamps near the server clock. Built once for every
  // socket (issue 11: five per socket were ~6 KB of each viewer's memory); only the stats batch needs the session.
  const clockNow = () => deps.clock.now();
  const shared = {
    funnel: clockChecked(FunnelStepSchema, clockNow),
    failure: clockChecked(FailureReportSchema, clockNow),
    preflight: clockChecked(PreflightSchema, clockNow),
    sfuCount: clockChecked(SfuCountSchema, clockNow),
  };

  nsp.use((socket, next) => {
    const verdict = checkHandshake(
      socket.handshake.auth,
      (id) => deps.catalog.get(id) !== undefined,
      deps.admission,
      deps.clock.now(),
    );
    if (!verdict.ok) {
      // A refused ticket is an invalid payload of its event (issue 10: nobody else's ticket speaks for a session).
      if (verdict.eventId !== undefined) countInvalid(deps.live, verdict.eventId);
      return next(refuse(verdict.code, verdict.message));
    }
    const forwarded = socket.handshake.headers['x-forwarded-for'];
    const address = clientAddress(
      socket.handshake.address,
      typeof forwarded === 'string' ? forwarded : undefined,
      deps.admission.trustProxy,
    );
    socket.data = { eventId: verdict.eventId, sessionId: verdict.sessionId, address };
    next();
  });

  nsp.on('connection', (socket: ViewerSocket) => {
    const { eventId, sessionId, address } = socket.data;
    const client = parseUserAgent(socket.handshake.headers['user-agent']);
    const guard = createConnectionGuard();
    const now = () => deps.clock.now();
    /** Highest seq this socket's session reached in any phase, so a session continuing into a new phase stores nothing twice. */
    let seq = 0;
    /** The socket speaks for its session: it sent something real, or its session already counted (a reconnect). */
    let active = false;
    /** Full or compact `viewer:stats` acks, and the cadence last told (server/viewers/compact-acks.ts). */
    const acks = fullAcks();
    const idle = deps.timers.setTimeout(() => {
      if (active || socket.disconnected) return;
      log.debug({ eventId }, 'closing a viewer socket that sent nothing within the idle deadline');
      socket.disconnect(true);
    }, limits.idleDeadlineMs);
    // A batch must continue from the session's newest stored sample at physically possible rates.
    const schemas = {
      ...shared,
      stats: plausibleStatsBatch(now, () => deps.live.monitor(eventId)?.viewers.get(sessionId)?.latest ?? undefined),
    };
    const ctx = {
      logger: log,
      guard,
      now,
      drop: () => {
        log.info({ eventId, invalidTotal: guard.invalidTotal }, 'dropping viewer that keeps sending invalid payloads');
        socket.disconnect(true);
      },
      onInvalid: () => {
        const m = deps.live.monitor(eventId);
        if (m) m.ingest.invalid += 1;
      },
    };
    /** This socket now speaks for the session in `m` (unless it closed meanwhile: then the session is left disconnected). */
    const speakFor = (m: EventMonitor) => {
      active = true;
      deps.timers.clearTimeout(idle);
      const session = connectViewer(m, sessionId, client, now(), socket.id, seq);
      if (socket.disconnected) disconnectViewer(m, sessionId, socket.id, now());
      seq = Math.max(seq, session.lastSeq);
      return session;
    };
    // Listeners are attached at once (messages may arrive while the event's record is still being restored) and
    // each waits for the current phase's monitor. A known session (a reconnect) speaks at once; a new one waits.
    const arrived = deps.live.open(eventId).then(async (m) => {
      if (!m) return void socket.disconnect(true);
      await deps.adopt?.(m, sessionId);
      if (m.viewers.has(sessionId)) speakFor(m);
    });
    arrived.catch((err: unknown) => {
      log.error({ err, eventId }, 'could not open the event record for a viewer');
      socket.disconnect(true);
    });
    const monitor = async () => {
      await arrived;
      const m = await deps.live.open(eventId);
      if (!m) throw new Error(`event ${eventId} is gone`);
      return m;
    };
    // `current` and `lookup` await the same chain, so messages are applied in the order they arrived.
    /** The session, for a message that makes this socket a real viewer. */
    const current = async () => {
      const m = await monitor();
      const known = m.viewers.get(sessionId);
      return { m, s: known && active ? known : speakFor(m) };
    };
    /** The session for `viewer:hello`, which alone does not make a viewer count (null then); one that counts continues into a new phase. */
    const lookup = async () => {
      const m = await monitor();
      return { m, s: m.viewers.get(sessionId) ?? (active ? speakFor(m) : null) };
    };

    socket.on(
      'viewer:hello',
      withAck(ctx, 'viewer:hello', ViewerHelloSchema, async (hello) => {
        const { m, s } = await lookup();
        const lastSeq = Math.max(seq, s?.lastSeq ?? 0);
        await deps.durable(); // a resume point must never be ahead of what is stored
        const sendIntervalMs = sendIntervalFor(m);
        if (s) s.cadenceMs = sendIntervalMs;
        welcomed(acks, hello.acks === 'compact', sendIntervalMs, now());
        return ok({ lastSeq, sendIntervalMs });
      }),
    );
    socket.on(
      'viewer:stats',
      withAck(ctx, 'viewer:stats', schemas.stats, async ({ samples }) => {
        const { m, s } = await current();
        const ackSeq = ingestSamples(m, s, samples, now());
        seq = Math.max(seq, ackSeq);
        await deps.durable();
        s.cadenceMs = sendIntervalFor(m);
        return ok(statsAck(acks, ackSeq, s.cadenceMs, now()));
      }),
    );
    socket.on(
      'viewer:funnel',
      withAck(ctx, 'viewer:funnel', schemas.funnel, async (step) => {
        const { m, s } = await current();
        recordStep(m, s, step);
        await deps.durable();
        return ok(null);
      }),
    );
    socket.on(
      'viewer:failure',
      withAck(ctx, 'viewer:failure', schemas.failure, async (failure) => {
        const { m, s } = await current();
        // A normal end (`shutdown`) is an ending, not a failure: it spends no failure budget.
        if (failure.category !== 'shutdown' && !deps.admission.spend('failures', eventId, address, now())) {
          return fail('rate-limited', 'too many failure reports from this address or for this event');
        }
        const record = recordViewerFailure(m, s, failure, now());
        await deps.durable();
        if (record) deps.onFailure(record, eventId);
        return ok(null);
      }),
    );
    socket.on(
      'viewer:preflight',
      withAck(ctx, 'viewer:preflight', schemas.preflight, async (preflight) => {
        const { m, s } = await current();
        recordStep(m, s, { stage: 'preflight', t: preflight.t });
        deps.onPreflight?.(m, s, preflight, now());
        await deps.durable();
        return ok(null);
      }),
    );
    socket.on(
      'viewer:sfu-count',
      withAck(ctx, 'viewer:sfu-count', schemas.sfuCount, async (count) => {
        const m = await monitor();
        // Only a socket that counts as a viewer may report Sora's count: capped by the sessions the phase has seen,
        // and it yields to the webhook (server/sora/sfu-count.ts).
        if (active) recordViewerCount(m.sfu, { ...count, sessionId }, m.viewers.size, now());
        return ok(null);
      }),
    );
    socket.on('disconnect', () => {
      deps.timers.clearTimeout(idle);
      const m = deps.live.monitor(eventId);
      if (m) disconnectViewer(m, sessionId, socket.id, now());
    });
  });
}
