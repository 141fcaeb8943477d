/** @module Collector one-off messages: funnel, failure, preflight and SFU count, online, offline and on the way out. */
import { describe, expect, it } from 'vitest';
import type { FailureReport, Preflight } from '../../../../shared/funnel.ts';
import { harness, TEST_TICKET } from './collector-harness.ts';

const failure: FailureReport = {
  category: 'ice-failed',
  t: 1_800_000_000_500,
  stage: 'connected',
  message: 'ICE failed',
};
const preflight: Preflight = { t: 1_800_000_000_100, items: [{ id: 'av1', status: 'pass' }] };

describe('collector: one-off messages', () => {
  it('sends funnel, failure, preflight and SFU count at once while connected, and never beacons', async () => {
    const { clock, socket, collector, beacons } = harness();
    collector.start();
    collector.sendFunnel('page');
    collector.sendFailure(failure);
    collector.sendPreflight(preflight);
    collector.sendSfuCount({ t: 1, recvonly: 42 });
    await clock.advance(10);
    expect(socket.of('viewer:funnel').map((m) => m.payload)).toEqual([{ stage: 'page', t: clock.now() - 10 }]);
    expect(socket.of('viewer:failure').map((m) => m.payload)).toEqual([failure]);
    expect(socket.of('viewer:preflight').map((m) => m.payload)).toEqual([preflight]);
    expect(socket.of('viewer:sfu-count').map((m) => m.payload)).toEqual([{ t: 1, recvonly: 42 }]);
    expect(beacons).toEqual([]);
  });

  it('sends a failure as a beacon to /api/beacon while disconnected, and not again on reconnect', async () => {
    const { clock, socket, collector, beacons } = harness();
    collector.start();
    socket.disconnect();
    collector.sendFailure(failure);
    expect(beacons).toEqual([
      {
        url: 'https://kansoku.test/api/beacon',
        body: { eventId: 'ev-1', sessionId: 'session-0001', ticket: TEST_TICKET, kind: 'failure', payload: failure },
      },
    ]);
    socket.connect();
    await clock.advance(5_000);
    expect(socket.of('viewer:failure')).toEqual([]);
    expect(collector.stats().beacons).toBe(1);
  });

  it('queues a failure for the reconnect when the browser refuses the beacon', async () => {
    const { clock, socket, collector, beacons } = harness({ beaconAccepts: false });
    collector.start();
    socket.disconnect();
    collector.sendFailure(failure);
    expect(collector.stats().queuedMessages).toBe(1);
    socket.connect();
    await clock.advance(10);
    expect(socket.of('viewer:failure').map((m) => m.payload)).toEqual([failure]);
    expect(beacons).toEqual([]);
  });

  it('queues funnel and preflight while disconnected and sends them in order on reconnect; only the newest SFU count survives', async () => {
    const { clock, socket, collector, beacons } = harness({ connected: false });
    collector.start();
    collector.sendFunnel({ stage: 'page', t: 1 });
    collector.sendPreflight(preflight);
    collector.sendFunnel({ stage: 'preflight', t: 2 });
    collector.sendSfuCount({ t: 1, recvonly: 10 });
    collector.sendSfuCount({ t: 2, recvonly: 11 });
    expect(socket.emitted).toEqual([]);
    socket.connect();
    await clock.advance(10);
    const oneOff = socket.emitted.filter((m) => m.event !== 'viewer:hello' && m.event !== 'viewer:stats');
    expect(oneOff.map((m) => m.event)).toEqual([
      'viewer:funnel',
      'viewer:preflight',
      'viewer:funnel',
      'viewer:sfu-count',
    ]);
    expect(socket.of('viewer:sfu-count').map((m) => m.payload.recvonly)).toEqual([11]);
    expect(socket.of('viewer:funnel').map((m) => m.payload.stage)).toEqual(['page', 'preflight']);
    expect(beacons).toEqual([]);
  });

  it('beacons queued funnel and preflight when stopped while offline (the page is going away)', () => {
    const { socket, collector, beacons } = harness({ connected: false });
    collector.start();
    collector.sendFunnel({ stage: 'page', t: 1 });
    collector.sendPreflight(preflight);
    collector.sendSfuCount({ t: 2, recvonly: 11 });
    collector.stop();
    expect(beacons.map((b) => b.body)).toEqual([
      {
        eventId: 'ev-1',
        sessionId: 'session-0001',
        ticket: TEST_TICKET,
        kind: 'funnel',
        payload: { stage: 'page', t: 1 },
      },
      { eventId: 'ev-1', sessionId: 'session-0001', ticket: TEST_TICKET, kind: 'preflight', payload: preflight },
    ]);
    expect(socket.emitted).toEqual([]);
  });
});
