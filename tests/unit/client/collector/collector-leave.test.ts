/** @module The page-leave message: a `leave` beacon when the viewer goes, even while connected, after anything queued. */
import { describe, expect, it } from 'vitest';
import { harness, TEST_TICKET } from './collector-harness.ts';

describe('collector: leaving', () => {
  it('beacons kind "leave" with the time while connected, and stops polling and sending', async () => {
    const { clock, socket, collector, beacons } = harness();
    collector.start();
    await clock.advance(4_000);
    const sent = socket.of('viewer:stats').length;
    collector.leave();
    expect(beacons).toEqual([
      {
        url: 'https://kansoku.test/api/beacon',
        body: {
          eventId: 'ev-1',
          sessionId: 'session-0001',
          ticket: TEST_TICKET,
          kind: 'leave',
          payload: { t: clock.now() },
        },
      },
    ]);
    await clock.advance(10_000);
    expect(socket.of('viewer:stats')).toHaveLength(sent);
    expect(collector.stats().beacons).toBe(1);
  });

  it('says it only once, and a left collector does not start again', () => {
    const { collector, beacons } = harness();
    collector.start();
    collector.leave();
    collector.leave();
    collector.start();
    expect(beacons.map((b) => (b.body as { kind: string }).kind)).toEqual(['leave']);
  });

  it('beacons what waited offline first, then the leave', () => {
    const { collector, beacons } = harness({ connected: false });
    collector.start();
    collector.sendFunnel({ stage: 'page', t: 1 });
    collector.leave();
    expect(beacons.map((b) => (b.body as { kind: string }).kind)).toEqual(['funnel', 'leave']);
  });

  it('counts nothing when the browser refuses the beacon', () => {
    const { collector } = harness({ beaconAccepts: false });
    collector.start();
    collector.leave();
    expect(collector.stats().beacons).toBe(0);
  });
});
