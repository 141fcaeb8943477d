/**
 * @module Posts alert notices to an event's webhook: JSON `{ content, kansoku }` (`content` is what a Discord channel
 * webhook shows; `kansoku` is the notice for anything else). Only http(s) URLs (checked again here, whatever the
 * caller validated), one request at a time per URL with a short queue, a timeout, no redirects followed and no
 * retries: a dead endpoint costs one failed request per alert, never a storm.
 */
import * as v from 'valibot';
import { WebhookUrlSchema, type AlertNotice, type WebhookResult } from '../../shared/alert.ts';
import type { Logger } from '../logger.ts';

/** Per request, connection to last byte. */
export const WEBHOOK_TIMEOUT_MS = 5_000;
/** Notices waiting per URL; beyond it the oldest waiting one is dropped (flapping rules cannot pile up requests). */
export const WEBHOOK_QUEUE = 10;
/** Discord refuses `content` over 2,000 characters. */
const MAX_CONTENT = 2_000;

export type WebhookPayload = { content: string; kansoku: AlertNotice | { test: true } };

export type WebhookSender = {
  /** Queues the notice for `url` and returns at once; failures are logged, never thrown. */
  send(url: string, notice: AlertNotice, content: string): void;
  /** Sends one test message now and says what the endpoint answered. */
  test(url: string, content: string): Promise<WebhookResult>;
  /** Resolves when nothing is queued or in flight (tests, shutdown). */
  idle(): Promise<void>;
  /** Aborts what is in flight and drops the queues. */
  close(): void;
};

export type WebhookDeps = { logger: Logger; fetch?: typeof fetch; timeoutMs?: number };

type Queue = { items: WebhookPayload[]; running: Promise<void> | null };

const clip = (s: string): string => (s.length <= MAX_CONTENT ? s : `${s.slice(0, MAX_CONTENT - 1)}…`);

export function createWebhookSender(deps: WebhookDeps): WebhookSender {
  const doFetch = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const queues = new Map<string, Queue>();
  const closing = new AbortController();

  async function post(url: string, payload: WebhookPayload): Promise<WebhookResult> {
    if (!v.is(WebhookUrlSchema, url)) return { ok: false, status: null, error: 'not an http(s) URL' };
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Kansoku alerts' },
        body: JSON.stringify({ ...payload, content: clip(payload.content) }),
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closing.signal]),
      });
      await res.body?.cancel().catch(() => undefined);
      return res.ok ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `HTTP ${res.status}` };
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      const error =
        name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : name === 'AbortError'
            ? 'shutting down'
            : 'could not connect';
      return { ok: false, status: null, error };
    }
  }

  async function drain(url: string, queue: Queue): Promise<void> {
    for (let payload = queue.items.shift(); payload; payload = queue.items.shift()) {
      const result = await post(url, payload);
      // The URL may hold a secret (Discord's token is in the path): log the host only.
      if (!result.ok)
        deps.logger.warn(
          { host: URL.canParse(url) ? new URL(url).host : null, status: result.status, error: result.error },
          'alert webhook failed',
        );
    }
    queue.running = null;
    queues.delete(url);
  }

  return {
    send(url, notice, content) {
      if (closing.signal.aborted) return;
      let queue = queues.get(url);
      if (!queue) {
        queue = { items: [], running: null };
        queues.set(url, queue);
      }
      queue.items.push({ content, kansoku: notice });
      if (queue.items.length > WEBHOOK_QUEUE) {
        queue.items.shift();
        deps.logger.warn('alert webhook queue full: the oldest waiting notice was dropped');
      }
      queue.running ??= drain(url, queue);
    },
    test: (url, content) => post(url, { content, kansoku: { test: true } }),
    async idle() {
      while (queues.size > 0) await Promise.all([...queues.values()].map((q) => q.running));
    },
    close() {
      closing.abort();
      for (const q of queues.values()) q.items.length = 0;
    },
  };
}
