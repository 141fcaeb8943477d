/**
 * The record across phase changes and session endings, through the real transport: a phase switch while samples
 * are in flight stores nothing twice, an ended event stays readable on its show's phase, a page that leaves is
 * out of the count at the next tick, and a reconnect whose old socket closes late is still one viewer.
 */
import { expect, it } from 'vitest';
import type { KansokuEvent } from '../../../shared/event.ts';
import { VIEWER_NAMESPACE, type HostSnapshot } from '../../../shared/events.ts';
import type { Result } from '../../../shared/result.ts';
import type { Tick } from '../../../shared/tick.ts';
import type { ViewerSummary } from '../../../shared/viewer.ts';
import { av1Sample, collectTicks, connected, waitFor, withTestTicket } from '../../helpers/clients.ts';
import { serverPerTest } from '../../helpers/server-per-test.ts';

const rig = serverPerTest();
const { pool } = rig;

const get = async <T>(path: string): Promise<T> => {
  const res = await rig.server.api(path);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const setPhase = (id: string, phase: string) =>
  rig.server.api(`/api/events/${id}`, { method: 'PATCH', body: JSON.stringify({ phase }) });
const samples = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => av1Sample(from + i, Date.now() - 20_000 + (from + i) * 1000));

it('switching to Ended while samples are in flight stores nothing twice, and the show stays readable', async () => {
  const event = await rig.server.createEvent({ phase: 'live' });
  const viewer = await pool.viewer(rig.server.url, { eventId: event.id, sessionId: 'phase-viewer-01' });
  await viewer.emitWithAck('viewer:funnel', { stage: 'page', t: Date.now() - 25_000 });
  expect(await viewer.emitWithAck('viewer:stats', { samples: samples(1, 10) })).toMatchObject({
    ok: true,
    data: { ackSeq: 10 },
  });
  await waitFor(
    async () => ((await get<Tick>(`/api/events/${event.id}/live`)).viewers.watching === 1 ? true : undefined),
    10_000,
    'watching',
  );

  const inFlight = viewer.emitWithAck('viewer:stats', { samples: samples(8, 14) });
  expect((await setPhase(event.id, 'ended')).status).toBe(200);
  expect(await inFlight).toMatchObject({ ok: true, data: { ackSeq: 14 } });
  // The page resends an overlapping batch after the switch: the ended bucket carries on from the same seq.
  expect(await viewer.emitWithAck('viewer:stats', { samples: samples(12, 16) })).toMatchObject({
    ok: true,
    data: { ackSeq: 16 },
  });

  // An ended event opens on its show: the live phase's numbers, the viewer's live session ended with the phase.
  const show = await get<Tick>(`/api/events/${event.id}/live`);
  expect(show).toMatchObject({ phase: 'live', viewers: { peak: 1 }, funnel: { page: 1 } });
  const liveViewers = await get<ViewerSummary[]>(`/api/events/${event.id}/viewers`);
  expect(liveViewers).toMatchObject([{ sessionId: 'phase-viewer-01', ending: 'phase-end' }]);
  const stayed = await waitFor(
    async () => {
      const tick = await get<Tick | null>(`/api/events/${event.id}/live?phase=ended`);
      return tick && tick.phase === 'ended' && tick.viewers.watching === 1 ? tick : undefined;
    },
    10_000,
    'the viewer counted in the ended bucket',
  );
  expect(stayed.viewers.total).toBe(1);
  await waitFor(
    async () => ((await get<Tick[]>(`/api/events/${event.id}/ticks?phase=live`)).length > 0 ? true : undefined),
    10_000,
    'stored show ticks',
  );

  const host = pool.host(rig.server.url);
  await connected(host);
  const snapshot = (await host.emitWithAck('host:subscribe', { eventId: event.id })) as Result<HostSnapshot>;
  expect(snapshot.ok && snapshot.data.phase).toBe('live');
  expect(snapshot.ok && snapshot.data.ticks.every((t) => t.phase === 'live')).toBe(true);

  await rig.server.stopApp();
  const rows = await rig.server.storage.db
    .selectFrom('viewer_sessions')
    .select(['phase', 'last_seq', 'ending'])
    .orderBy('phase')
    .execute();
  // The batch in flight lands in whichever phase was current when it was handled; either way each seq is stored once.
  expect(rows).toEqual([
    { phase: 'ended', last_seq: 16, ending: null },
    { phase: 'live', last_seq: expect.any(Number), ending: 'phase-end' },
  ]);
  expect([10, 14]).toContain(rows[1]?.last_seq);
});

it('refuses an unknown phase with the field named', async () => {
  const event = await rig.server.createEvent({ phase: 'live' });
  const res = await rig.server.api(`/api/events/${event.id}/ticks?phase=encore`);
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ ok: false, error: 'invalid-payload', field: 'phase' });
});

it('takes a page that says it leaves out of the count at the next tick, and a late close of a replaced socket changes nothing', async () => {
  const event: KansokuEvent = await rig.server.createEvent({ phase: 'live' });
  const host = pool.host(rig.server.url);
  const ticks = collectTicks(host);
  await connected(host);
  await host.emitWithAck('host:subscribe', { eventId: event.id });
  const first = await pool.viewer(rig.server.url, { eventId: event.id, sessionId: 'blip-viewer-01' });
  await first.emitWithAck('viewer:funnel', { stage: 'page', t: Date.now() - 25_000 });
  await first.emitWithAck('viewer:stats', { samples: samples(1, 5) });
  const leaver = await pool.viewer(rig.server.url, { eventId: event.id, sessionId: 'leave-viewer-01' });
  await leaver.emitWithAck('viewer:stats', { samples: samples(1, 5) });
  await waitFor(() => (ticks.at(-1)?.viewers.watching === 2 ? true : undefined), 10_000, 'two watching');

  // A network blip: the new socket connects before the old one's close reaches the rig.server.
  const second = await pool.viewer(rig.server.url, { eventId: event.id, sessionId: 'blip-viewer-01' });
  await second.emitWithAck('viewer:stats', { samples: samples(6, 8) });
  first.disconnect();

  const body = JSON.stringify(
    withTestTicket({ eventId: event.id, sessionId: 'leave-viewer-01', kind: 'leave', payload: { t: Date.now() } }),
  );
  const leftAt = Date.now();
  expect((await fetch(`${rig.server.url}/api/beacon`, { method: 'POST', body })).status).toBe(204);
  const after = await waitFor(
    () => {
      const tick = ticks.at(-1);
      return tick && tick.t >= leftAt - 1000 && tick.endings.left === 1 ? tick : undefined;
    },
    10_000,
    'the leave in a tick',
  );
  expect(Date.now() - leftAt).toBeLessThan(5_000); // the next tick, not the 30 s grace (generous for a busy machine)
  expect(after.viewers).toMatchObject({ watching: 1, total: 1 });
  expect(after.funnel.page).toBe(2); // reaching the first frame implies the earlier stages
  const list = await get<ViewerSummary[]>(`/api/events/${event.id}/viewers`);
  expect(list.find((v) => v.sessionId === 'blip-viewer-01')).toMatchObject({
    connected: true,
    connects: 2,
    ending: null,
  });
});

it('a socket that closes while its event record is still being opened leaves its session disconnected, not stuck connected', async () => {
  const event = await rig.server.createEvent({ phase: 'scheduled' }); // not in memory until someone asks
  // A socket counts once it says something real (its first funnel step); the socket closes the moment that step is
  // dispatched, while the handler still waits for the event's record.
  rig.server.app.io
    .of(VIEWER_NAMESPACE)
    .on('connection', (socket) => socket.on('viewer:funnel', () => void socket.disconnect(true)));
  const viewer = await pool.viewer(rig.server.url, { eventId: event.id, sessionId: 'brief-viewer-01' });
  viewer.emit('viewer:funnel', { stage: 'page', t: Date.now() }, () => undefined);
  const list = await waitFor(
    async () => {
      const rows = await get<ViewerSummary[]>(`/api/events/${event.id}/viewers?phase=scheduled`);
      return rows.length === 1 ? rows : undefined;
    },
    10_000,
    'the session listed',
  );
  await waitFor(
    async () => {
      const rows = await get<ViewerSummary[]>(`/api/events/${event.id}/viewers?phase=scheduled`);
      return rows[0]?.connected === false ? true : undefined;
    },
    10_000,
    'the session disconnected',
  );
  expect(list[0]?.sessionId).toBe('brief-viewer-01');
});
