/**
 * Alert webhooks through the real server: the host sets a webhook with the rules, a raised alert is POSTed to a local
 * endpoint on 127.0.0.1 in Discord's shape, the test button reports what the endpoint answered, and only http(s)
 * URLs are accepted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertNotice, AlertRule, AlertSettings } from '../../../shared/alert.ts';
import { connected, hostSocket, waitFor, type HostSocket } from '../../helpers/clients.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';
import { startReceiver, type Receiver } from '../../helpers/webhook-receiver.ts';

let server: TestServer;
let receiver: Receiver;
const sockets: HostSocket[] = [];

beforeEach(async () => {
  server = await startTestServer();
  receiver = await startReceiver();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
  await receiver.close();
});

/** Join failures in the window ≤ 1: true from the first tick of a live event, viewers or not. */
const quiet: AlertRule = {
  id: 'quiet',
  enabled: true,
  metric: 'failure-rate',
  direction: 'below',
  threshold: 1,
  clearAt: 2,
  forSec: 0,
  clearForSec: 0,
  minViewers: 0,
  action: 'read-failures',
};

const put = (eventId: string, body: unknown) =>
  server.api(`/api/events/${eventId}/alert-rules`, { method: 'PUT', body: JSON.stringify(body) });
const get = async (eventId: string) =>
  (await (await server.api(`/api/events/${eventId}/alert-rules`)).json()) as AlertSettings;

describe('alert webhook', () => {
  it('posts a raised alert to the event’s webhook as { content, kansoku }', async () => {
    const event = await server.createEvent({ title: 'Webhook night' });
    expect((await put(event.id, { rules: [quiet], webhook: `${receiver.url}/api/webhooks/1/token` })).status).toBe(200);
    // A dashboard watching the event: the event is monitored and ticks, with no viewer yet.
    const host = hostSocket(server.url);
    sockets.push(host);
    await connected(host);
    await host.emitWithAck('host:subscribe', { eventId: event.id });
    const hit = await waitFor(() => receiver.received[0], 10_000, 'a webhook POST');
    expect(hit).toMatchObject({ method: 'POST', path: '/api/webhooks/1/token', contentType: 'application/json' });
    const body = hit.body as { content: string; kansoku: AlertNotice };
    expect(body.content).toMatch(/^🔴 Alert raised .*Webhook night \(live\): Join failures 0/);
    expect(body.content.length).toBeLessThanOrEqual(2_000);
    expect(body.kansoku).toMatchObject({
      eventId: event.id,
      ruleId: 'quiet',
      kind: 'raised',
      metric: 'failure-rate',
      value: 0,
    });
    expect(receiver.received).toHaveLength(1); // up once, and readings while it stays up are not posted
  });

  it('keeps the webhook when only rules are sent, removes it with null, and refuses anything but http(s)', async () => {
    const event = await server.createEvent();
    expect(await get(event.id)).toMatchObject({ webhook: null });
    const url = `${receiver.url}/hook`;
    expect((await put(event.id, { rules: [quiet], webhook: url })).status).toBe(200);
    expect((await put(event.id, { rules: [{ ...quiet, enabled: false }] })).status).toBe(200);
    expect(await get(event.id)).toMatchObject({ webhook: url, rules: [{ enabled: false }] });
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://127.0.0.1/', 'http://u:p@127.0.0.1/']) {
      const res = await put(event.id, { rules: [quiet], webhook: bad });
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { field?: string }).field).toBe('webhook');
    }
    expect((await put(event.id, { rules: [quiet], webhook: null })).status).toBe(200);
    expect(await get(event.id)).toMatchObject({ webhook: null });
  });

  it('sends a test message on request and says what the endpoint answered', async () => {
    const event = await server.createEvent({ title: 'Test night' });
    const test = (url: string) =>
      server.api(`/api/events/${event.id}/alert-webhook/test`, { method: 'POST', body: JSON.stringify({ url }) });
    expect(await (await test(`${receiver.url}/ok`)).json()).toEqual({ ok: true, status: 204 });
    expect((receiver.received[0]?.body as { content: string }).content).toMatch(/Test night/);
    receiver.mode = { status: 404 };
    expect(await (await test(`${receiver.url}/gone`)).json()).toEqual({ ok: false, status: 404, error: 'HTTP 404' });
    expect((await test('file:///etc/passwd')).status).toBe(400);
    expect(
      (await fetch(`${server.url}/api/events/${event.id}/alert-webhook/test`, { method: 'POST', body: '{}' })).status,
    ).toBe(401);
  });
});
