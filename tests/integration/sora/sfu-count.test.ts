/**
 * @module Sora's count reported by viewers (issue 10, findings 1 and 6), through the real transport: one viewer cannot
 * set it to 9,999,999, it leaves with its reporter ("Sora count 5" on an empty channel), and the webhook's count wins.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Tick } from '../../../shared/tick.ts';
import { socketPool, waitFor, withTestTicket } from '../../helpers/clients.ts';
import { SECRET, startSoraServer, type SoraServer } from './sora-server.ts';

let server: SoraServer;
const pool = socketPool();

beforeAll(async () => {
  server = await startSoraServer();
});
afterAll(async () => {
  pool.closeAll();
  await server.close();
});

const tickOf = async (eventId: string) => (await (await server.api(`/api/events/${eventId}/live`)).json()) as Tick;
const sfuBecomes = (eventId: string, sfu: number | null) =>
  waitFor(
    async () => ((await tickOf(eventId)).viewers.sfu === sfu ? true : undefined),
    5_000,
    `tick.viewers.sfu = ${sfu}`,
  );

it('a viewer’s count is capped by the sessions seen, dropped when its reporter leaves, and second to the webhook', async () => {
  const event = await server.soraEvent('ch-sfu-count');
  const sessionId = 'sfu-reporter-1';
  const viewer = await pool.viewer(server.url, { eventId: event.id, sessionId });
  expect(await viewer.emitWithAck('viewer:funnel', { stage: 'page', t: Date.now() })).toMatchObject({ ok: true });
  expect(await viewer.emitWithAck('viewer:sfu-count', { t: Date.now(), recvonly: 9_999_999 })).toMatchObject({
    ok: true,
  });
  await sfuBecomes(event.id, 1); // one session seen: the report is capped at 1

  // The page closes: its leave beacon ends the session, and the count it reported goes with it.
  const leave = withTestTicket({ eventId: event.id, sessionId, kind: 'leave', payload: { t: Date.now() } });
  const res = await fetch(`${server.url}/api/beacon`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify(leave),
  });
  expect(res.status).toBe(204);
  await sfuBecomes(event.id, null);

  // Sora's own webhook count wins, and a viewer's report no longer moves it.
  const hook = {
    type: 'connection.created',
    channel_id: 'ch-sfu-count',
    role: 'recvonly',
    timestamp: new Date().toISOString(),
    data: { channel_recvonly_connections: 4 },
  };
  expect((await server.post(`/api/sora/event-webhook?secret=${SECRET}`, hook)).status).toBe(200);
  await sfuBecomes(event.id, 4);
  const second = await pool.viewer(server.url, { eventId: event.id, sessionId: 'sfu-reporter-2' });
  expect(await second.emitWithAck('viewer:funnel', { stage: 'page', t: Date.now() })).toMatchObject({ ok: true });
  expect(await second.emitWithAck('viewer:sfu-count', { t: Date.now() + 1000, recvonly: 1 })).toMatchObject({
    ok: true,
  });
  const summary = (await (await server.api(`/api/events/${event.id}/sora`)).json()) as {
    sfu: { recvonly: number } | null;
  };
  expect(summary.sfu?.recvonly).toBe(4);
  await sfuBecomes(event.id, 4);
});
