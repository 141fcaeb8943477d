/**
 * Alerts round trip through the real server: per-event rules over REST, a watching viewer whose bitrate breaks a
 * rule → `alert:raised` on the dashboard after the hold time, recovery → `alert:cleared`, and the stored log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AlertNotice, type AlertRule, type AlertsView } from '../../../shared/alert.ts';
import { DEFAULT_ALERT_RULES } from '../../../shared/alert-defaults.ts';
import {
  av1Sample,
  CHROME_UA,
  connected,
  hostSocket,
  viewerSocket,
  waitFor,
  type HostSocket,
  type ViewerSocket,
} from '../../helpers/clients.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';

let server: TestServer;
const sockets: Array<HostSocket | ViewerSocket> = [];

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

/** Median bitrate under 5 Mbit/s for 1 s: any AV1 test viewer (~1.2 Mbit/s) breaks it. */
const floor: AlertRule = {
  id: 'floor',
  enabled: true,
  metric: 'bitrate-p50',
  direction: 'below',
  threshold: 5_000,
  clearAt: 6_000,
  forSec: 1,
  clearForSec: 1,
  minViewers: 1,
  action: 'check-encoder',
};

const putRules = (eventId: string, rules: AlertRule[]) =>
  server.api(`/api/events/${eventId}/alert-rules`, { method: 'PUT', body: JSON.stringify({ rules }) });

async function watchingViewer(eventId: string): Promise<void> {
  const viewer = viewerSocket(server.url, { eventId, sessionId: 'viewer-alert-0001' }, CHROME_UA);
  sockets.push(viewer);
  await connected(viewer);
  await viewer.emitWithAck('viewer:hello', {});
  const t0 = Date.now() - 6_000;
  await viewer.emitWithAck('viewer:stats', { samples: [1, 2, 3, 4, 5].map((seq) => av1Sample(seq, t0 + seq * 1000)) });
}

/** The alert notices a dashboard subscribed to the event receives, in order. */
async function alertNotices(eventId: string): Promise<AlertNotice[]> {
  const host = hostSocket(server.url);
  sockets.push(host);
  const notices: AlertNotice[] = [];
  host.on('alert:raised', (n) => notices.push(n));
  host.on('alert:cleared', (n) => notices.push(n));
  await connected(host);
  await host.emitWithAck('host:subscribe', { eventId });
  return notices;
}

describe('alerts', () => {
  it('serves the default rules until the host sets its own, and validates them', async () => {
    const event = await server.createEvent();
    const initial = (await (await server.api(`/api/events/${event.id}/alert-rules`)).json()) as { rules: AlertRule[] };
    expect(initial.rules).toEqual(DEFAULT_ALERT_RULES);
    expect((await putRules(event.id, [floor])).status).toBe(200);
    expect(
      ((await (await server.api(`/api/events/${event.id}/alert-rules`)).json()) as { rules: AlertRule[] }).rules,
    ).toEqual([floor]);
    expect((await putRules(event.id, [floor, floor])).status).toBe(400);
    expect((await putRules(event.id, [{ ...floor, clearAt: 1_000 }])).status).toBe(400); // clearAt on the bad side
    expect((await fetch(`${server.url}/api/events/${event.id}/alert-rules`)).status).toBe(401);
  });

  it('raises after the hold time, clears after recovery, and keeps both in the log', async () => {
    const event = await server.createEvent();
    expect((await putRules(event.id, [floor])).status).toBe(200);
    const notices = await alertNotices(event.id);
    await watchingViewer(event.id);

    const raised = await waitFor(() => notices.find((n) => n.kind === 'raised'), 8_000, 'alert:raised');
    expect(raised).toMatchObject({
      eventId: event.id,
      phase: 'live',
      ruleId: 'floor',
      metric: 'bitrate-p50',
      threshold: 5_000,
      action: 'check-encoder',
    });
    expect(raised.value).toBeGreaterThan(1_000);
    const view = (await (await server.api(`/api/events/${event.id}/alerts`)).json()) as AlertsView;
    expect(view.active.map((n) => n.ruleId)).toEqual(['floor']);

    // The host lowers the floor: the viewer's bitrate is now past clearAt, so the alert clears after clearForSec.
    expect((await putRules(event.id, [{ ...floor, threshold: 100, clearAt: 200 }])).status).toBe(200);
    const cleared = await waitFor(() => notices.find((n) => n.kind === 'cleared'), 8_000, 'alert:cleared');
    expect(cleared).toMatchObject({ ruleId: 'floor', kind: 'cleared' });
    expect(cleared.t).toBeGreaterThanOrEqual(raised.t + 1_000);

    const log = await waitFor(
      async () => {
        const v = (await (await server.api(`/api/events/${event.id}/alerts`)).json()) as AlertsView;
        return v.log.length === 2 ? v : undefined;
      },
      5_000,
      'two log entries',
    );
    expect(log.active).toEqual([]);
    expect(log.log.map((n) => n.kind)).toEqual(['cleared', 'raised']);
  });

  it('clears what is up when the phase changes, so rehearsal alerts do not carry into the show', async () => {
    const event = await server.createEvent({ phase: 'rehearsal' });
    await putRules(event.id, [{ ...floor, forSec: 0 }]);
    const notices = await alertNotices(event.id);
    await watchingViewer(event.id);
    await waitFor(() => notices.find((n) => n.kind === 'raised'), 8_000, 'alert:raised');
    await server.api(`/api/events/${event.id}`, { method: 'PATCH', body: JSON.stringify({ phase: 'live' }) });
    const cleared = await waitFor(() => notices.find((n) => n.kind === 'cleared'), 5_000, 'alert:cleared');
    expect(cleared).toMatchObject({ phase: 'rehearsal', value: null });
  });
});
