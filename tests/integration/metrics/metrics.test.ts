/** `GET /metrics` on the real server: who may scrape it, and the numbers moving as a real viewer sends samples. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KansokuEvent } from '../../../shared/event.ts';
import { av1Sample, CHROME_UA, socketPool, waitFor } from '../../helpers/clients.ts';
import { startTestServer, TEST_HOST_TOKEN, type TestServer } from '../../helpers/start-test-server.ts';
import { parseProm, total, type PromSample } from './prom-text.ts';

const METRICS_TOKEN = 'test-metrics-token-0123456789';

let server: TestServer;
let event: KansokuEvent;
const pool = socketPool();
beforeEach(async () => {
  server = await startTestServer('sqlite', { env: { METRICS_TOKEN } });
  event = await server.createEvent();
});
afterEach(async () => {
  pool.closeAll();
  await server.close();
});

const scrape = (token?: string) =>
  fetch(`${server.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

async function metrics(): Promise<PromSample[]> {
  const res = await scrape(METRICS_TOKEN);
  expect(res.status).toBe(200);
  return parseProm(await res.text());
}

/** Scrapes until `check` holds for a scrape; returns that scrape. */
const scrapeUntil = (check: (m: PromSample[]) => boolean, what: string) =>
  waitFor(
    async () => {
      const m = await metrics();
      return check(m) ? m : undefined;
    },
    8000,
    what,
  );

describe('GET /metrics', () => {
  it('answers 401 without credentials or with a wrong token, and the Prometheus text to METRICS_TOKEN or the host token', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('not-the-token-0123456789')).status).toBe(401);
    const viaScrapeToken = await scrape(METRICS_TOKEN);
    expect(viaScrapeToken.status).toBe(200);
    expect(viaScrapeToken.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await viaScrapeToken.text();
    expect(text).toContain('# TYPE kansoku_samples_total counter');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toMatch(/^kansoku_cadence_level 0$/m); // healthy: the audience cadence
    expect(text).toContain('process_resident_memory_bytes');
    expect((await scrape(TEST_HOST_TOKEN)).status).toBe(200);
    // The scrape token opens /metrics only.
    const api = await fetch(`${server.url}/api/events`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(api.status).toBe(401);
  });

  it('counts a real viewer, its samples, its acks and their latency, and an invalid payload by field', async () => {
    const viewer = await pool.viewer(server.url, { eventId: event.id, sessionId: 'viewer-metrics-0001' }, CHROME_UA);
    const t0 = Date.now() - 5000;
    const batch = { samples: [1, 2, 3, 4].map((seq) => av1Sample(seq, t0 + seq * 1000)) };
    expect(await viewer.emitWithAck('viewer:stats', batch)).toMatchObject({ ok: true, data: { ackSeq: 4 } });
    const bad = av1Sample(5, t0 + 5000);
    expect(
      await viewer.emitWithAck('viewer:stats', { samples: [{ ...bad, vi: { ...bad.vi!, by: -5 } }] }),
    ).toMatchObject({ ok: false, error: 'invalid-payload', field: 'samples.0.vi.by' });

    const ours = { event: event.id, phase: 'live' };
    const m = await scrapeUntil(
      (s) => total(s, 'kansoku_samples_total', ours) === 4 && total(s, 'kansoku_ingest_invalid_total', ours) === 1,
      'samples counted',
    );
    expect(total(m, 'kansoku_viewers', ours)).toBe(1);
    expect(total(m, 'kansoku_viewers', { ...ours, state: 'watching' })).toBe(1);
    expect(total(m, 'kansoku_sockets', { namespace: 'viewer' })).toBe(1);
    expect(total(m, 'kansoku_ack_latency_seconds_count', { event: event.id })).toBe(1);
    expect(total(m, 'kansoku_ack_latency_seconds_sum', { event: event.id })).toBeGreaterThan(0);
    expect(total(m, 'kansoku_viewer_acks_total', { message: 'viewer:stats', result: 'ok' })).toBe(1);
    expect(total(m, 'kansoku_viewer_acks_total', { message: 'viewer:stats', result: 'invalid-payload' })).toBe(1);
    expect(total(m, 'kansoku_invalid_payloads_total', { message: 'viewer:stats', field: 'samples.*.vi.by' })).toBe(1);
    expect(total(m, 'kansoku_ticks_total', ours)).toBeGreaterThan(0);
    expect(total(m, 'kansoku_tick_lag_seconds_count')).toBeGreaterThan(0);
    expect(total(m, 'kansoku_record_commit_seconds_count')).toBeGreaterThan(0);
    expect(total(m, 'kansoku_record_batch_rows_sum')).toBeGreaterThan(0);

    // More samples move the counter on; the socket closing takes it off the socket gauge.
    const more = { samples: [5, 6].map((seq) => av1Sample(seq, t0 + seq * 1000)) };
    expect(await viewer.emitWithAck('viewer:stats', more)).toMatchObject({ ok: true, data: { ackSeq: 6 } });
    await scrapeUntil((s) => total(s, 'kansoku_samples_total', ours) === 6, 'the next samples counted');
    expect(total(await metrics(), 'kansoku_ack_latency_seconds_count', { event: event.id })).toBe(2);
    viewer.disconnect();
    await scrapeUntil((s) => total(s, 'kansoku_sockets', { namespace: 'viewer' }) === 0, 'the socket off the gauge');
  });
});
