/** `GET /api/public/events/:id`: no auth, and nothing but what a viewer page needs. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicEvent } from '../../../shared/sora-webhook.ts';
import { startSoraServer, type SoraServer } from './sora-server.ts';

let server: SoraServer;
beforeEach(async () => {
  server = await startSoraServer({
    SORA_WEBHOOK_SECRET: 'integration-webhook-secret-01',
    KANSOKU_JOIN_TIMEOUT_MS: '15000',
  });
});
afterEach(async () => {
  await server.close();
});

describe('public event', () => {
  it('serves title, phase, join settings and timeouts without credentials', async () => {
    const event = await server.soraEvent('ch-public', {
      discord: { guildId: '123', channelId: '456', registrationPattern: null },
    });
    const res = await fetch(`${server.url}/api/public/events/${event.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as PublicEvent;
    expect(body).toEqual({
      id: event.id,
      title: 'Event ch-public',
      phase: 'live',
      minChromeVersion: 100,
      joinTimeoutMs: 15_000,
      noMediaTimeoutMs: 10_000,
      sora: {
        signalingUrls: ['wss://sora.example/signaling'],
        channelId: 'ch-public',
        videoCodecType: 'AV1',
        metadata: { room: 'r' },
      },
      // Each load carries a viewer ticket for a new session (docs/protocol.md, "Tickets").
      viewer: {
        sessionId: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
        ticket: expect.stringMatching(/^v1\./),
        expiresAt: expect.any(Number),
        expiresInMs: expect.any(Number),
      },
    });
  });

  it('answers 404 for unknown ids and 400 for malformed ones; events without Sora have sora: null', async () => {
    expect((await fetch(`${server.url}/api/public/events/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/public/events/${'x'.repeat(80)}`)).status).toBe(400);
    const res = await server.api('/api/events', { method: 'POST', body: JSON.stringify({ title: 'No sora yet' }) });
    const { id } = (await res.json()) as { id: string };
    expect((await (await fetch(`${server.url}/api/public/events/${id}`)).json()) as PublicEvent).toMatchObject({
      sora: null,
      minChromeVersion: 90,
    });
  });
});
