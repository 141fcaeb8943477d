/** Bad input gets a clear error, is counted, and loses nothing else; no input crashes the server. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KansokuEvent } from '../../../shared/event.ts';
import { MAX_FRAME_BYTES } from '../../../shared/limits.ts';
import {
  av1Sample,
  collectTicks,
  connected,
  hostSocket,
  viewerSocket,
  waitFor,
  type HostSocket,
  type ViewerSocket,
} from '../../helpers/clients.ts';
import { startTestServer, TEST_HOST_TOKEN, type TestServer } from '../../helpers/start-test-server.ts';

let server: TestServer;
let event: KansokuEvent;
const sockets: Array<ViewerSocket | HostSocket> = [];
beforeEach(async () => {
  server = await startTestServer();
  event = await server.createEvent();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  const health = await fetch(`${server.url}/api/health`);
  expect(health.status).toBe(200); // whatever the test sent, the server is still up
  await server.close();
});

type ConnectError = Error & { data?: { code: string; message: string } };

function connectError(socket: ViewerSocket | HostSocket): Promise<ConnectError> {
  sockets.push(socket);
  return new Promise((resolve) => (socket as ViewerSocket).once('connect_error', resolve));
}

/** Emits outside the typed contract, as a misbehaving client would (no ack callback, any payload). */
const sendRaw = (socket: ViewerSocket, event: string, payload: unknown): void => {
  (socket.emit as (event: string, payload: unknown) => void)(event, payload);
};

async function openViewer(sessionId = 'viewer-bad-input-1'): Promise<ViewerSocket> {
  const viewer = viewerSocket(server.url, { eventId: event.id, sessionId });
  sockets.push(viewer);
  await connected(viewer);
  return viewer;
}

describe('socket handshake', () => {
  it('refuses an unknown event id with a clear error', async () => {
    const error = await connectError(
      viewerSocket(server.url, { eventId: 'no-such-event', sessionId: 'viewer-bad-input-1' }),
    );
    expect(error.message).toBe('unknown-event');
    expect(error.data?.message).toContain('no-such-event');
  });
  it('refuses malformed handshake auth', async () => {
    const error = await connectError(viewerSocket(server.url, { eventId: event.id, sessionId: 'x' }));
    expect(error.message).toBe('invalid-payload');
  });
  it('refuses a host without the token', async () => {
    const error = await connectError(hostSocket(server.url, 'wrong-token-wrong-token'));
    expect(error.message).toBe('unauthorized');
  });
});

describe('viewer messages', () => {
  it('answers a schema-invalid batch with an error ack naming the field, counts it, and keeps the connection', async () => {
    const host = hostSocket(server.url);
    sockets.push(host);
    const ticks = collectTicks(host);
    await connected(host);
    await host.emitWithAck('host:subscribe', { eventId: event.id });
    const viewer = await openViewer();
    const sample = av1Sample(1, Date.now());
    const bad = { samples: [{ ...sample, vi: { ...sample.vi!, by: -5 } }] };
    expect(await viewer.emitWithAck('viewer:stats', bad)).toMatchObject({
      ok: false,
      error: 'invalid-payload',
      field: 'samples.0.vi.by',
    });
    expect(await viewer.emitWithAck('viewer:stats', 'garbage' as never)).toMatchObject({
      ok: false,
      error: 'invalid-payload',
    });
    expect(await viewer.emitWithAck('viewer:stats', { samples: [av1Sample(1, Date.now())] })).toMatchObject({
      ok: true,
      data: { ackSeq: 1 },
    });
    await waitFor(
      () => (ticks.reduce((n, t) => n + t.ingest.invalid, 0) === 2 ? true : undefined),
      4000,
      'two invalid payloads counted',
    );
    expect(viewer.connected).toBe(true);
  });

  it('drops a connection that keeps sending garbage', async () => {
    const viewer = await openViewer();
    const closed = new Promise<string>((resolve) => viewer.once('disconnect', resolve));
    for (let i = 0; i < 25; i++) viewer.emit('viewer:stats', { samples: 'nope' } as never, () => undefined);
    expect(await closed).toBe('io server disconnect');
  });

  it('rate-limits a flood and recovers', async () => {
    const viewer = await openViewer();
    const acks = await Promise.all(
      Array.from({ length: 60 }, () => viewer.emitWithAck('viewer:funnel', { stage: 'page', t: Date.now() })),
    );
    expect(acks.filter((a) => !a.ok && a.error === 'rate-limited').length).toBeGreaterThan(0);
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a frame over the size limit at the socket.io layer', async () => {
    const viewer = await openViewer();
    const closed = new Promise<string>((resolve) => viewer.once('disconnect', resolve));
    sendRaw(viewer, 'viewer:stats', {
      samples: [{ ...av1Sample(1, Date.now()), pad: 'x'.repeat(MAX_FRAME_BYTES + 1) }],
    });
    expect(await closed).toBe('transport close');
    const again = await openViewer('viewer-bad-input-2');
    expect(await again.emitWithAck('viewer:hello', {})).toMatchObject({ ok: true });
  });

  it('ignores messages without an ack callback instead of throwing', async () => {
    const viewer = await openViewer();
    sendRaw(viewer, 'viewer:stats', { samples: [av1Sample(1, Date.now())] });
    expect(await viewer.emitWithAck('viewer:hello', {})).toMatchObject({ ok: true, data: { lastSeq: 1 } });
  });
});

describe('REST', () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${TEST_HOST_TOKEN}`, 'content-type': 'application/json', ...headers },
    });

  it('returns 400 with the field at fault', async () => {
    const res = await post(
      '/api/events',
      JSON.stringify({ title: 'x', sora: { signalingUrls: ['http://not-ws'], channelId: 'c' } }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid-payload', field: 'sora.signalingUrls.0' });
  });
  it('returns 400 for a body that is not JSON', async () => {
    const res = await post('/api/events', '{"title":');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid-payload', message: 'body must be JSON' });
  });
  it('returns 401 without the host token, on every host endpoint', async () => {
    for (const path of [
      '/api/events',
      `/api/events/${event.id}`,
      `/api/events/${event.id}/live`,
      `/api/events/${event.id}/viewers`,
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(401);
    }
  });
  it('returns 413 for an oversized body', async () => {
    const res = await post('/api/events', JSON.stringify({ title: 'x'.repeat(70_000) }));
    expect(res.status).toBe(413);
  });
  it('returns 404 for an unknown event and 400 for a malformed id', async () => {
    expect((await server.api('/api/events/unknown-id/live')).status).toBe(404);
    expect((await server.api(`/api/events/${encodeURIComponent('bad id!')}`)).status).toBe(400);
  });
  it('validates PATCH bodies', async () => {
    const res = await server.api(`/api/events/${event.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ phase: 'party' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'phase' });
  });
});
