/** Markers round trip: REST POST → stored → `marker:new` on every dashboard of the event → REST GET. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Marker } from '../../../shared/marker.ts';
import { connected, hostSocket, type HostSocket } from '../../helpers/clients.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';

let server: TestServer;
const sockets: HostSocket[] = [];

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

const nextMarker = (host: HostSocket): Promise<Marker> => new Promise((resolve) => host.once('marker:new', resolve));

describe('markers', () => {
  it('stores a marker, broadcasts it to the event room only, and lists it', async () => {
    const event = await server.createEvent();
    const other = await server.createEvent({ title: 'Other' });
    const [a, b, c] = [hostSocket(server.url), hostSocket(server.url), hostSocket(server.url)];
    sockets.push(a, b, c);
    for (const h of [a, b, c]) await connected(h);
    await a.emitWithAck('host:subscribe', { eventId: event.id });
    await b.emitWithAck('host:subscribe', { eventId: event.id });
    await c.emitWithAck('host:subscribe', { eventId: other.id });
    let otherGot = false;
    c.on('marker:new', () => (otherGot = true));

    const received = Promise.all([nextMarker(a), nextMarker(b)]);
    const res = await server.api(`/api/events/${event.id}/markers`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'qa', label: '  Q&A starts <b>now</b>  ' }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Marker;
    expect(created).toMatchObject({ eventId: event.id, phase: 'live', kind: 'qa', label: 'Q&A starts <b>now</b>' });
    expect(Math.abs(created.t - Date.now())).toBeLessThan(5_000);
    expect(await received).toEqual([created, created]);

    await server.api(`/api/events/${event.id}/markers`, {
      method: 'POST',
      body: JSON.stringify({ t: created.t - 60_000 }),
    });
    const listed = (await (await server.api(`/api/events/${event.id}/markers`)).json()) as Marker[];
    expect(listed.map((m) => m.kind)).toEqual(['note', 'qa']); // oldest first
    expect(otherGot).toBe(false);
  });

  it('validates the body and the event', async () => {
    const event = await server.createEvent();
    const long = await server.api(`/api/events/${event.id}/markers`, {
      method: 'POST',
      body: JSON.stringify({ label: 'x'.repeat(121) }),
    });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ ok: false, error: 'invalid-payload', field: 'label' });
    const kind = await server.api(`/api/events/${event.id}/markers`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'party' }),
    });
    expect(kind.status).toBe(400);
    const missing = await server.api('/api/events/nope/markers', { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
  });

  it('refuses markers without host credentials', async () => {
    const event = await server.createEvent();
    const res = await fetch(`${server.url}/api/events/${event.id}/markers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });
});
