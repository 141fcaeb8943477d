/**
 * Only real viewers count (issue 10, finding 1): 2,000 sockets that never sent a sample were counted as 2,000 viewers
 * and switched every real viewer to the big-audience cadence. Here 300 idle sockets (each with a valid ticket) meet a
 * big-audience threshold of 100: they never count, the real viewer keeps the default cadence, and they are closed
 * at the idle deadline.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_SEND_INTERVAL_MS } from '../../../shared/limits.ts';
import type { Tick } from '../../../shared/tick.ts';
import { av1Sample, collectTicks, connected, socketPool, waitFor, type ViewerSocket } from '../../helpers/clients.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';

const IDLE = 300;
let server: TestServer;
const pool = socketPool();
beforeEach(async () => {
  server = await startTestServer('sqlite', { viewerLimits: { idleDeadlineMs: 3_000, bigAudienceViewers: 100 } });
});
afterEach(async () => {
  pool.closeAll();
  await server.close();
});

it('idle sockets never count as viewers, leave the cadence alone, and are closed at the idle deadline', async () => {
  const event = await server.createEvent();
  const host = pool.host(server.url);
  const ticks: Tick[] = collectTicks(host);
  await connected(host);
  await host.emitWithAck('host:subscribe', { eventId: event.id });

  const idle: ViewerSocket[] = await Promise.all(
    Array.from({ length: IDLE }, (_, i) =>
      pool.viewer(server.url, { eventId: event.id, sessionId: `idle-socket-${String(i).padStart(4, '0')}` }),
    ),
  );
  const closedByServer = idle.map((socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve)));
  const connectedAt = Date.now();

  const real = await pool.viewer(server.url, { eventId: event.id, sessionId: 'real-viewer-0001' });
  const t0 = Date.now() - 10_000;
  for (let seq = 1; seq <= 3; seq++) {
    const ack = await real.emitWithAck('viewer:stats', { samples: [av1Sample(seq, t0 + seq * 1000)] });
    expect(ack).toEqual({ ok: true, data: { ackSeq: seq, sendIntervalMs: DEFAULT_SEND_INTERVAL_MS } });
  }
  const tick = await waitFor(
    () => ticks.find((t) => t.t > connectedAt + 1_000),
    5_000,
    'a tick with every socket open',
  );
  expect(tick.viewers.total).toBe(1);
  // Still the default cadence a tick later, with all 300 idle sockets open.
  expect(await real.emitWithAck('viewer:stats', { samples: [av1Sample(4, t0 + 4_000)] })).toEqual({
    ok: true,
    data: { ackSeq: 4, sendIntervalMs: DEFAULT_SEND_INTERVAL_MS },
  });

  expect(new Set(await Promise.all(closedByServer))).toEqual(new Set(['io server disconnect']));
  expect(Date.now() - connectedAt).toBeGreaterThanOrEqual(2_500);
  expect(real.connected).toBe(true);
  expect(ticks.every((t) => t.viewers.total <= 1)).toBe(true);
});
