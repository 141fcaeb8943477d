/**
 * @module The short fuzz run of `npm test` (issue 10): a few thousand generated hostile payloads across `/viewer`,
 * beacons, host REST and Sora webhooks against a real server. `npm run fuzz` is the long one (tests/fuzz/main.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runFuzz } from '../../fuzz/fuzz-run.ts';
import { testTicket } from '../../helpers/clients.ts';
import { startTestServer, TEST_HOST_TOKEN, type TestServer } from '../../helpers/start-test-server.ts';

const SECRET = 'fuzz-webhook-secret-0123456789';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('sqlite', { env: { SORA_WEBHOOK_SECRET: SECRET } });
});
afterAll(async () => {
  await server.close();
});

it('3,000 hostile payloads: no crash, every known message answered, every tick sane, memory bounded', async () => {
  const summary = await runFuzz(
    {
      url: server.url,
      hostToken: TEST_HOST_TOKEN,
      webhookSecret: SECRET,
      ticketFor: (eventId, sessionId) => testTicket(eventId, sessionId),
    },
    { payloads: 3_000, seed: 20261203 },
  );
  expect(summary.crashed).toBe(false);
  expect(summary.problems).toEqual({ count: 0, first: [] });
  expect(summary.ticks.first).toEqual([]);
  expect(summary.ticks.seen).toBeGreaterThan(0);
  expect(summary.payloads).toBeGreaterThanOrEqual(3_000);
  // Every channel was reached, and both accepted and refused payloads were seen.
  const o = summary.outcomes;
  expect(o['socket:ok']).toBeGreaterThan(0);
  expect(o['socket:invalid-payload']).toBeGreaterThan(0);
  expect(o['handshake:unauthorized']).toBeGreaterThan(0);
  expect(Object.keys(o).some((k) => k.startsWith('beacon:4'))).toBe(true);
  expect(Object.keys(o).some((k) => k.startsWith('rest:2'))).toBe(true);
  expect(o['webhook:200']).toBeGreaterThan(0);
  expect(summary.memory.rssPeakMb - summary.memory.rssStartMb).toBeLessThan(400);
}, 120_000);
