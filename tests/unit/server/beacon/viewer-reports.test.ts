/** Pre-flight results and beacons applied to a live event monitor. */
import { beforeEach, describe, expect, it } from 'vitest';
import { PreflightBook } from '../../../../server/beacon/preflight-book.ts';
import { applyBeacon, applyPreflight, type ViewerReportsDeps } from '../../../../server/beacon/viewer-reports.ts';
import { connectViewer, createMonitor, type EventMonitor } from '../../../../server/live/event-monitor.ts';
import type { FailureRecord, Preflight } from '../../../../shared/funnel.ts';
import type { ClientInfo } from '../../../../shared/user-agent.ts';

const CLIENT: ClientInfo = { browser: 'Chrome', browserVersion: '80.0', browserMajor: 80, os: 'Windows' };
const NO_AV1: Preflight = {
  t: 1_000,
  items: [
    { id: 'browser', status: 'pass' },
    { id: 'av1', status: 'fail', detail: 'no AV1' },
  ],
};

let monitor: EventMonitor;
let published: FailureRecord[];
let deps: ViewerReportsDeps;

beforeEach(() => {
  monitor = createMonitor('ev', 'live', 0);
  published = [];
  deps = { book: new PreflightBook(), publishFailure: (record) => published.push(record) };
});

describe('applyPreflight', () => {
  it('records the step, keeps the result and counts a failing codec check once per session', () => {
    const session = connectViewer(monitor, 'session-0001', CLIENT, 0);
    applyPreflight(deps, monitor, session, NO_AV1, 1_000);
    applyPreflight(deps, monitor, session, { ...NO_AV1, t: 2_000 }, 2_000); // a reload of the same session
    expect(monitor.funnel.preflight).toBe(1);
    expect(monitor.failures).toEqual({ 'codec-unsupported': 1 });
    expect(published).toMatchObject([
      { category: 'codec-unsupported', sessionId: 'session-0001', browser: 'Chrome', os: 'Windows' },
    ]);
    expect(deps.book.drain()).toMatchObject([{ eventId: 'ev', sessionId: 'session-0001', phase: 'live', t: 2_000 }]);
    expect(deps.book.drain()).toEqual([]);
  });
});

describe('applyBeacon', () => {
  it('creates an unknown session as disconnected and records its failure', () => {
    applyBeacon(
      deps,
      monitor,
      {
        eventId: 'ev',
        sessionId: 'session-0002',
        ticket: 'v1.unchecked',
        kind: 'failure',
        payload: { category: 'signaling-unreachable', t: 3_000, code: 1006 },
      },
      CLIENT,
      3_500,
    );
    const session = monitor.viewers.get('session-0002');
    expect(session?.connected).toBe(false);
    expect(session?.disconnectedAt).toBe(3_500);
    expect(monitor.failures).toEqual({ 'signaling-unreachable': 1 });
    expect(published).toHaveLength(1);
  });

  it('leaves a session with a live socket connected and applies funnel steps', () => {
    connectViewer(monitor, 'session-0003', CLIENT, 0);
    applyBeacon(
      deps,
      monitor,
      {
        eventId: 'ev',
        sessionId: 'session-0003',
        ticket: 'v1.unchecked',
        kind: 'funnel',
        payload: { stage: 'page', t: 10 },
      },
      CLIENT,
      20,
    );
    expect(monitor.viewers.get('session-0003')?.connected).toBe(true);
    expect(monitor.funnel.page).toBe(1);
  });

  it('routes a pre-flight beacon through the same path as the socket', () => {
    applyBeacon(
      deps,
      monitor,
      { eventId: 'ev', sessionId: 'session-0004', ticket: 'v1.unchecked', kind: 'preflight', payload: NO_AV1 },
      CLIENT,
      20,
    );
    expect(monitor.failures).toEqual({ 'codec-unsupported': 1 });
    expect(deps.book.pending).toBe(1);
  });

  it('ends a known session at once on a leave beacon, and ignores a leave from a session it never saw', () => {
    connectViewer(monitor, 'session-0005', CLIENT, 0, 'socket-a');
    applyBeacon(
      deps,
      monitor,
      { eventId: 'ev', sessionId: 'session-0005', ticket: 'v1.unchecked', kind: 'leave', payload: { t: 40 } },
      CLIENT,
      50,
    );
    expect(monitor.viewers.get('session-0005')?.ending).toEqual({ how: 'left', at: 50, t: 40 });
    expect(monitor.endings.left).toBe(1);
    applyBeacon(
      deps,
      monitor,
      { eventId: 'ev', sessionId: 'session-0006', ticket: 'v1.unchecked', kind: 'leave', payload: { t: 40 } },
      CLIENT,
      50,
    );
    expect(monitor.viewers.has('session-0006')).toBe(false);
  });

  it('counts a normal end of the broadcast as an ending, never as a failure', () => {
    applyBeacon(
      deps,
      monitor,
      {
        eventId: 'ev',
        sessionId: 'session-0007',
        ticket: 'v1.unchecked',
        kind: 'failure',
        payload: { category: 'shutdown', t: 60, code: 1000 },
      },
      CLIENT,
      70,
    );
    expect(monitor.failures).toEqual({});
    expect(monitor.endings.shutdown).toBe(1);
    expect(published).toEqual([]);
  });
});
