/**
 * @module Applies viewer reports to the live state outside the socket handlers: beacons (the socket is down or was
 * never up) and pre-flight results (kept per session; failing browser/codec checks become failures).
 */
import type { Beacon } from '../../shared/beacon.ts';
import type { FailureRecord, Preflight } from '../../shared/funnel.ts';
import type { ClientInfo } from '../../shared/user-agent.ts';
import {
  connectViewer,
  disconnectViewer,
  recordLeave,
  recordStep,
  recordViewerFailure,
  type EventMonitor,
} from '../live/event-monitor.ts';
import type { ViewerSession } from '../live/viewer-session.ts';
import type { PreflightBook } from './preflight-book.ts';
import { preflightFailures } from './preflight-failures.ts';

export type ViewerReportsDeps = {
  book: PreflightBook;
  /** Tells the event's hosts (`failure:new`). */
  publishFailure(record: FailureRecord, eventId: string): void;
};

/** Records the pre-flight funnel step, then keeps the result (`keepPreflight`). */
export function applyPreflight(
  deps: ViewerReportsDeps,
  m: EventMonitor,
  session: ViewerSession,
  preflight: Preflight,
  now: number,
): void {
  recordStep(m, session, { stage: 'preflight', t: preflight.t });
  keepPreflight(deps, m, session, preflight, now);
}

/** Keeps the pre-flight result and records its failures, once per session and category. */
export function keepPreflight(
  deps: ViewerReportsDeps,
  m: EventMonitor,
  session: ViewerSession,
  preflight: Preflight,
  now: number,
): void {
  deps.book.add({
    eventId: m.eventId,
    sessionId: session.sessionId,
    phase: m.phase,
    t: preflight.t,
    browser: session.client.browser,
    os: session.client.os,
    items: preflight.items,
  });
  for (const failure of preflightFailures(preflight)) {
    if (!deps.book.firstFailure(m.eventId, m.phase, session.sessionId, failure.category)) continue;
    publish(deps, m, recordViewerFailure(m, session, failure, now));
  }
}

const publish = (deps: ViewerReportsDeps, m: EventMonitor, record: FailureRecord | null): void => {
  if (record) deps.publishFailure(record, m.eventId);
};

/**
 * A beacon from a session that may have no socket: an unknown session is created and marked disconnected at
 * once, so it counts in the funnel and failures but ends after the usual grace period. A `leave` ends a known
 * session now (an unknown one has nothing to end).
 */
export function applyBeacon(
  deps: ViewerReportsDeps,
  m: EventMonitor,
  beacon: Beacon,
  client: ClientInfo,
  now: number,
): void {
  const known = m.viewers.get(beacon.sessionId);
  if (beacon.kind === 'leave') {
    if (known) recordLeave(m, known, beacon.payload.t, now);
    return;
  }
  const session = known ?? connectViewer(m, beacon.sessionId, client, now);
  if (!known) disconnectViewer(m, beacon.sessionId, null, now);
  switch (beacon.kind) {
    case 'failure':
      publish(deps, m, recordViewerFailure(m, session, beacon.payload, now));
      break;
    case 'funnel':
      recordStep(m, session, beacon.payload);
      break;
    case 'preflight':
      applyPreflight(deps, m, session, beacon.payload, now);
      break;
  }
}
