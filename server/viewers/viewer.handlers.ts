/**
 * @module The `/viewer` namespace: handshake checks (schema, known event), then one handler per event. Handlers
 * parse (via withAck), call the monitor, wait until the change is committed to storage, and ack: acked = stored.
 */
import type { Namespace, Socket } from 'socket.io';
import * as v from 'valibot';
import {
  SfuCountSchema, ViewerAuthSchema, type ViewerClientEvents, type ViewerServerEvents,
} from '../../shared/events.ts';
import { FailureReportSchema, FunnelStepSchema, PreflightSchema, type FailureRecord } from '../../shared/funnel.ts';
import { BIG_AUDIENCE_SEND_INTERVAL_MS, BIG_AUDIENCE_VIEWERS, DEFAULT_SEND_INTERVAL_MS } from '../../shared/limits.ts';
import { ok } from '../../shared/result.ts';
import { clockChecked, plausibleStatsBatch } from '../../shared/plausible-schemas.ts';
import { parseUserAgent } from '../../shared/user-agent.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import type { LiveService } from '../live/live-service.ts';
import {
  connectViewer, disconnectViewer, ingestSamples, recordStep, recordViewerFailure, type EventMonitor,
} from '../live/event-monitor.ts';
import type { Logger } from '../logger.ts';
import { recordViewerCount } from '../sora/sfu-count.ts';
import { describeIssues } from '../http/validate.ts';
import { createConnectionGuard } from './connection-guard.ts';
import { withAck } from './with-ack.ts';

export type ViewerDeps = {
  catalog: EventCatalog;
  live: LiveService;
  clock: Clock;
  logger: Logger;
  /** Resolves once every change made so far is committed to storage (acks wait for it). */
  durable(): Promise<void>;
  onFailure(failure: FailureRecord, eventId: string): void;
};

type SocketData = { eventId: string; sessionId: string };
type ViewerSocket = Socket<ViewerClientEvents, ViewerServerEvents, Record<string, never>, SocketData>;

const refuse = (code: string, message: string) => Object.assign(new Error(code), { data: { code, message } });

/** The cadence for the monitor's audience (open sessions, as of the last tick). */
export const sendIntervalFor = (monitor: EventMonitor): number =>
  (monitor.ticks[monitor.ticks.length - 1]?.viewers.total ?? 0) > BIG_AUDIENCE_VIEWERS ? BIG_AUDIENCE_SEND_INTERVAL_MS : DEFAULT_SEND_INTERVAL_MS;

export function registerViewerNamespace(nsp: Namespace<ViewerClientEvents, ViewerServerEvents>, deps: ViewerDeps): void {
  const log = deps.logger.child({ module: 'viewers' });

  nsp.use((socket, next) => {
    const auth = v.safeParse(ViewerAuthSchema, socket.handshake.auth);
    if (!auth.success) return next(refuse('invalid-payload', `handshake auth: ${describeIssues(auth.issues).message}`));
    if (!deps.catalog.get(auth.output.eventId)) return next(refuse('unknown-event', `no event with id "${auth.output.eventId}"`));
    socket.data = { eventId: auth.output.eventId, sessionId: auth.output.sessionId };
    next();
  });

  nsp.on('connection', (socket: ViewerSocket) => {
    const { eventId, sessionId } = socket.data;
    const client = parseUserAgent(socket.handshake.headers['user-agent']);
    const guard = createConnectionGuard();
    const now = () => deps.clock.now();
    /** Highest seq this socket's session reached in any phase, so a session continuing into a new phase stores nothing twice. */
    let seq = 0;
    // Wire schemas plus plausibility (shared/plausibility.ts): timestamps near the server clock, and a batch that
    // continues from the session's newest stored sample at physically possible rates.
    const schemas = {
      stats: plausibleStatsBatch(now, () => {
        const ring = deps.live.monitor(eventId)?.viewers.get(sessionId)?.ring;
        return ring?.[ring.length - 1];
      }),
      funnel: clockChecked(FunnelStepSchema, now),
      failure: clockChecked(FailureReportSchema, now),
      preflight: clockChecked(PreflightSchema, now),
      sfuCount: clockChecked(SfuCountSchema, now),
    };
    const ctx = {
      logger: log, guard, now,
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
      const session = connectViewer(m, sessionId, client, now(), socket.id, seq);
      if (socket.disconnected) disconnectViewer(m, sessionId, socket.id, now());
      return session;
    };
    // Listeners are attached at once (messages may arrive while the event's record is still being restored) and
    // each waits for the session: the current phase's monitor, where this socket now speaks for the session.
    const arrived = deps.live.open(eventId).then((m) => {
      if (!m) return void socket.disconnect(true);
      seq = speakFor(m).lastSeq;
    });
    arrived.catch((err: unknown) => {
      log.error({ err, eventId }, 'could not open the event record for a viewer');
      socket.disconnect(true);
    });
    const current = async () => {
      await arrived;
      const m = await deps.live.open(eventId);
      if (!m) throw new Error(`event ${eventId} is gone`);
      return { m, s: m.viewers.get(sessionId) ?? speakFor(m) };
    };

    socket.on('viewer:hello', withAck(ctx, 'viewer:hello', v.object({}), async () => {
      const { m, s } = await current();
      const lastSeq = s.lastSeq;
      await deps.durable(); // a resume point must never be ahead of what is stored
      return ok({ lastSeq, sendIntervalMs: sendIntervalFor(m) });
    }));
    socket.on('viewer:stats', withAck(ctx, 'viewer:stats', schemas.stats, async ({ samples }) => {
      const { m, s } = await current();
      const ackSeq = ingestSamples(m, s, samples, now());
      seq = Math.max(seq, ackSeq);
      await deps.durable();
      return ok({ ackSeq, sendIntervalMs: sendIntervalFor(m) });
    }));
    socket.on('viewer:funnel', withAck(ctx, 'viewer:funnel', schemas.funnel, async (step) => {
      const { m, s } = await current();
      recordStep(m, s, step);
      await deps.durable();
      return ok(null);
    }));
    socket.on('viewer:failure', withAck(ctx, 'viewer:failure', schemas.failure, async (failure) => {
      const { m, s } = await current();
      const record = recordViewerFailure(m, s, failure, now());
      await deps.durable();
      if (record) deps.onFailure(record, eventId);
      return ok(null);
    }));
    socket.on('viewer:preflight', withAck(ctx, 'viewer:preflight', schemas.preflight, async (preflight) => {
      const { m, s } = await current();
      recordStep(m, s, { stage: 'preflight', t: preflight.t });
      await deps.durable();
      return ok(null);
    }));
    socket.on('viewer:sfu-count', withAck(ctx, 'viewer:sfu-count', schemas.sfuCount, async (count) => {
      // Capped by the sessions the phase has seen, and second to the webhook (server/sora/sfu-count.ts).
      const { m } = await current();
      recordViewerCount(m.sfu, { ...count, sessionId }, m.viewers.size, now());
      return ok(null);
    }));
    socket.on('disconnect', () => {
      const m = deps.live.monitor(eventId);
      if (m) disconnectViewer(m, sessionId, socket.id, now());
    });
  });
}
