/**
 * Sora's event and auth webhooks through the real app: authentication, SFU counts in the tick, auth decisions and
 * counts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SoraSideSummary, ViewerTokenInfo } from '../../../shared/sora-webhook.ts';
import type { Tick } from '../../../shared/tick.ts';
import { waitFor } from '../../helpers/clients.ts';
import { SECRET, startSoraServer, type SoraServer } from './sora-server.ts';

let server: SoraServer;
beforeEach(async () => {
  server = await startSoraServer();
});
afterEach(async () => {
  await server.close();
});

const created = (channelId: string, recvonly: number, timestamp: string) => ({
  type: 'connection.created',
  id: 'x',
  timestamp,
  role: 'recvonly',
  channel_id: channelId,
  connection_id: 'C1',
  data: {
    channel_recvonly_connections: recvonly,
    channel_connections: recvonly + 1,
    extra_field_from_a_newer_sora: true,
  },
});
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

describe('event webhook', () => {
  it('refuses calls without the shared secret; accepts Bearer or ?secret=', async () => {
    const body = created('ch', 1, new Date().toISOString());
    expect((await server.post('/api/sora/event-webhook', body)).status).toBe(401);
    expect((await server.post('/api/sora/event-webhook?secret=wrong', body)).status).toBe(401);
    expect((await server.post(`/api/sora/event-webhook?secret=${SECRET}`, body)).status).toBe(200);
    expect((await server.post('/api/sora/event-webhook', body, { authorization: `Bearer ${SECRET}` })).status).toBe(
      200,
    );
  });

  it('puts Sora’s recvonly count into the tick (latest timestamp wins) and counts connection.failed', async () => {
    const event = await server.soraEvent('ch-count');
    const hook = (body: unknown) => server.post(`/api/sora/event-webhook?secret=${SECRET}`, body);
    const now = Date.now();
    expect(await json(await hook(created('ch-count', 7, new Date(now - 1_000).toISOString())))).toEqual({
      ok: true,
      data: { events: 1 },
    });
    await hook(created('ch-count', 3, new Date(now - 5_000).toISOString())); // older: ignored
    await hook({
      type: 'connection.failed',
      channel_id: 'ch-count',
      role: 'recvonly',
      timestamp: new Date(now).toISOString(),
      data: { message: 'ICE timeout' },
    });
    expect(await json(await hook(created('other-channel', 1, new Date(now).toISOString())))).toEqual({
      ok: true,
      data: { events: 0 },
    });
    expect((await hook({ type: 'recording.started', channel_id: 'ch-count' })).status).toBe(200);

    const tick = await waitFor(
      async () => {
        const t = await json<Tick>(await server.api(`/api/events/${event.id}/live`));
        return t.viewers.sfu === 7 ? t : undefined;
      },
      5_000,
      'sfu count in the tick',
    );
    expect(tick.viewers.sfuGap).toBe(7);
    const summary = await json<SoraSideSummary>(await server.api(`/api/events/${event.id}/sora`));
    expect(summary.sfu?.recvonly).toBe(7);
    expect(summary.webhooks).toMatchObject({ created: 2, failed: 1 });
    expect(summary.recentFailed).toEqual([{ t: now, message: 'ICE timeout' }]);
  });

  it('rejects a body that is not a Sora webhook with 400', async () => {
    expect((await server.post(`/api/sora/event-webhook?secret=${SECRET}`, { nope: 1 })).status).toBe(400);
    expect((await server.post(`/api/sora/event-webhook?secret=${SECRET}`, '{not json')).status).toBe(400);
  });
});

describe('auth webhook and viewer tokens', () => {
  it('allows only viewers with the event token and counts attempts and denials', async () => {
    const event = await server.soraEvent('ch-auth');
    const info = await json<ViewerTokenInfo>(await server.api(`/api/events/${event.id}/viewer-token`));
    expect(info.watchPath).toBe(`/watch/${event.id}?token=${info.token}`);
    const auth = (metadata: unknown, role = 'recvonly') =>
      server.post(
        '/api/sora/auth-webhook',
        { channel_id: 'ch-auth', role, metadata, channel_recvonly_connections: 4 },
        { authorization: `Bearer ${SECRET}` },
      );

    expect(await json(await auth({ kansoku_token: info.token }))).toEqual({ allowed: true });
    expect(await json(await auth({}))).toEqual({ allowed: false, reason: 'viewer token missing' });
    expect(await json(await auth({ kansoku_token: 'forged' }))).toEqual({
      allowed: false,
      reason: 'viewer token invalid',
    });
    expect(await json(await auth({ kansoku_token: info.publisherToken }, 'sendonly'))).toEqual({ allowed: true });

    const summary = await json<SoraSideSummary>(await server.api(`/api/events/${event.id}/sora`));
    expect(summary.auth).toEqual({
      attempts: 3,
      allowed: 1,
      denied: 2,
      deniedReasons: { 'viewer token missing': 1, 'viewer token invalid': 1 },
    });
    expect(summary.sfu?.recvonly).toBe(4);
  });

  it('keeps tokens host-only and says so when no secret is configured', async () => {
    const event = await server.soraEvent('ch-host');
    expect((await fetch(`${server.url}/api/events/${event.id}/viewer-token`)).status).toBe(401);
    await server.close();
    server = await startSoraServer({});
    const again = await server.soraEvent('ch-host');
    expect((await server.api(`/api/events/${again.id}/viewer-token`)).status).toBe(409);
    expect(
      (await server.post('/api/sora/event-webhook?secret=anything', created('ch-host', 1, new Date().toISOString())))
        .status,
    ).toBe(404);
  });
});
