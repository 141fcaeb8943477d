/**
 * @module The `/viewer` namespace: handshake checks (schema, known event), then one handler per event.
 * Handlers only parse (via withAck), call the monitor and ack.
 */
import type { Namespace, Socket } from 'socket.io';
import * as v from 'valibot';
import {
  SfuCountSchema, ViewerAuthSchema, type ViewerClientEvents, type ViewerServerEvents,
} from '../../shared/events.ts';
import { FailureReportSchema, FunnelStepSchema, PreflightSchema, type FailureRecord } from '../../shared/funnel.ts';
import { BIG_AUDIENCE_SEND_INTERVAL_MS, BIG_AUDIENCE_VIEWERS, DEFAULT_SEND_INTERVAL_MS } from '../../shared/limits.ts';
import { ok } from '../../shared/result.ts';
import { StatsBatchSchema } from '../../shared/stats-sample.ts';
import { parseUserAgent } from '../../shared/user-agent.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import type { LiveService } from '../live/live-service.ts';
import {
  connectViewer, disconnectViewer, ingestSamples, recordSfuCount, recordStep, recordViewerFailure, type EventMonitor,
} from '../live/event-monitor.ts';
import type { Logger } from '../logger.ts';
import { describeIssues } from '../http/validate.ts';
import { createConnectionGuard } from './connection-guard.ts';
import { withAck } from './with-ack.ts';

export type ViewerDeps = {
  catalog: EventCatalog;
  live: LiveService;
  clock: Clock;
  logger: Logger;
  /** Highest sample seq stored for a session in an earlier server run (0 when none). */
  storedSeq(eventId: string, sessionId: string): Promise<number>;
  onFailure(failure: FailureRecord, eventId: string): void;
};

type SocketData = { eventId: string; sessionId: string };
type ViewerSocket = Socket<ViewerClientEvents, ViewerServerEvents, Record<string, never>, SocketData>;

const refuse = (code: string, message: string) => Object.assign(new Error(code), { data: { code, message } });

export const sendIntervalFor = (monitor: EventMonitor): number =>
  monitor.viewers.size > BIG_AUDIENCE_VIEWERS ? BIG_AUDIENCE_SEND_INTERVAL_MS : DEFAULT_SEND_INTERVAL_MS;

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
    const monitor = (): EventMonitor | undefined => deps.live.monitor(eventId, now());
    const first = monitor();
    if (!first) return void socket.disconnect(true);
    const session = connectViewer(first, sessionId, client, now());
    const ctx = {
      logger: log, guard, now,
      drop: () => {
        log.info({ eventId, invalidTotal: guard.invalidTotal }, 'dropping viewer that keeps sending invalid payloads');
        socket.disconnect(true);
      },
      onInvalid: () => {
        const m = deps.live.peek(eventId);
        if (m) m.ingest.invalid += 1;
      },
    };
    // The monitor may have been replaced by a phase change since the socket connected: the session then
    // continues in the new phase's monitor, keeping its seq so nothing is stored twice.
    const current = () => {
      const m = monitor() as EventMonitor;
      return { m, s: m.viewers.get(sessionId) ?? connectViewer(m, sessionId, client, now(), session.lastSeq) };
    };

    socket.on('viewer:hello', withAck(ctx, 'viewer:hello', v.object({}), async () => {
      const { m, s } = current();
      if (s.lastSeq === 0) s.lastSeq = await deps.storedSeq(eventId, sessionId);
      return ok({ lastSeq: s.lastSeq, sendIntervalMs: sendIntervalFor(m) });
    }));
    socket.on('viewer:stats', withAck(ctx, 'viewer:stats', StatsBatchSchema, ({ samples }) => {
      const { m, s } = current();
      return ok({ ackSeq: ingestSamples(m, s, samples, now()), sendIntervalMs: sendIntervalFor(m) });
    }));
    socket.on('viewer:funnel', withAck(ctx, 'viewer:funnel', FunnelStepSchema, (step) => {
      const { m, s } = current();
      recordStep(m, s, step);
      return ok(null);
    }));
    socket.on('viewer:failure', withAck(ctx, 'viewer:failure', FailureReportSchema, (failure) => {
      const { m, s } = current();
      deps.onFailure(recordViewerFailure(m, s, failure), eventId);
      return ok(null);
    }));
    socket.on('viewer:preflight', withAck(ctx, 'viewer:preflight', PreflightSchema, (preflight) => {
      const { m, s } = current();
      recordStep(m, s, { stage: 'preflight', t: preflight.t });
      return ok(null);
    }));
    socket.on('viewer:sfu-count', withAck(ctx, 'viewer:sfu-count', SfuCountSchema, (count) => {
      // A viewer whose clock runs fast must not pin a stale count: no timestamp beyond the server's now.
      recordSfuCount(current().m, count.recvonly, Math.min(count.t, now()));
      return ok(null);
    }));
    socket.on('disconnect', () => {
      const m = deps.live.peek(eventId);
      if (m) disconnectViewer(m, sessionId, now());
    });
  });
}
