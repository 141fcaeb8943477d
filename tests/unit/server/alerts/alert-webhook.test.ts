/**
 * The webhook sender against a local endpoint: the Discord-shaped JSON, one request per notice and no retries, no
 * redirect followed, a timeout on an endpoint that never answers, a bounded queue, and nothing but http(s).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { AlertNotice } from '../../../../shared/alert.ts';
import { alertText } from '../../../../server/alerts/alert-text.ts';
import { createWebhookSender, WEBHOOK_QUEUE } from '../../../../server/alerts/alert-webhook.ts';
import { startReceiver, type Receiver } from '../../../helpers/webhook-receiver.ts';

const logger = pino({ level: 'silent' });
const notice = (t: number, kind: AlertNotice['kind'] = 'raised'): AlertNotice => ({
  eventId: 'ev-1',
  phase: 'live',
  ruleId: 'join-failures',
  metric: 'join-failure-share',
  direction: 'above',
  kind,
  t,
  value: 34.5,
  count: 12,
  windowSec: 60,
  threshold: 20,
  kbps: null,
  action: 'read-failures',
});

let receiver: Receiver;
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  await receiver.close();
});

describe('alert webhook', () => {
  it('posts { content, kansoku } once per notice, in order, and retries nothing', async () => {
    const sender = createWebhookSender({ logger });
    receiver.mode = { status: 500 };
    sender.send(`${receiver.url}/hook`, notice(1), alertText(notice(1), 'Launch'));
    sender.send(`${receiver.url}/hook`, notice(2, 'cleared'), alertText(notice(2, 'cleared'), 'Launch'));
    await sender.idle();
    expect(receiver.received.map((r) => [r.method, r.path, r.contentType])).toEqual([
      ['POST', '/hook', 'application/json'],
      ['POST', '/hook', 'application/json'],
    ]);
    const first = receiver.received[0]?.body as { content: string; kansoku: AlertNotice };
    expect(first.content).toMatch(
      /^🔴 Alert raised .* Launch \(live\): Join failures, share of join attempts 34\.5% \(≥ 20%; 12 in the last 60 s\)\./,
    );
    expect(first.kansoku).toMatchObject({ ruleId: 'join-failures', kind: 'raised', value: 34.5 });
    expect((receiver.received[1]?.body as { content: string }).content).toMatch(/^🟢 Alert cleared/);
  });

  it('does not follow redirects', async () => {
    const sender = createWebhookSender({ logger });
    receiver.mode = { status: 0, redirectTo: `${receiver.url}/elsewhere` };
    expect(await sender.test(`${receiver.url}/hook`, 'test')).toEqual({ ok: false, status: 302, error: 'HTTP 302' });
    expect(receiver.received.map((r) => r.path)).toEqual(['/hook']);
  });

  it('gives up on an endpoint that never answers after the timeout', async () => {
    const sender = createWebhookSender({ logger, timeoutMs: 200 });
    receiver.mode = { status: 0, hang: true };
    const started = Date.now();
    expect(await sender.test(`${receiver.url}/hook`, 'test')).toEqual({
      ok: false,
      status: null,
      error: 'no answer within 200 ms',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('keeps at most a short queue per URL while one request is in flight', async () => {
    const sender = createWebhookSender({ logger, timeoutMs: 100 });
    receiver.mode = { status: 0, hang: true };
    for (let i = 0; i < WEBHOOK_QUEUE + 10; i++) sender.send(`${receiver.url}/hook`, notice(i), `n${i}`);
    await sender.idle();
    const sent = receiver.received.map((r) => (r.body as { content: string }).content);
    expect(sent).toHaveLength(WEBHOOK_QUEUE + 1); // the first, then the newest WEBHOOK_QUEUE
    expect(sent[0]).toBe('n0');
    expect(sent.at(-1)).toBe(`n${WEBHOOK_QUEUE + 9}`);
  });

  it('sends nothing to anything but http(s), and says when it cannot connect', async () => {
    const sender = createWebhookSender({ logger });
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/x', 'javascript:alert(1)', 'http://user:pw@127.0.0.1/']) {
      expect(await sender.test(url, 'x'), url).toEqual({ ok: false, status: null, error: 'not an http(s) URL' });
    }
    const closed = receiver.url;
    await receiver.close();
    expect(await sender.test(`${closed}/hook`, 'x')).toEqual({ ok: false, status: null, error: 'could not connect' });
    receiver = await startReceiver();
  });
});
