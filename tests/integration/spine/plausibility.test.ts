/**
 * @module Issue 10, finding 1: forged counters made the bitrate p90 7.2e16 kbps and the fps p90 1e15. Through the
 * real transport they are refused as invalid-payload naming the field, and the tick's rates stay physical.
 */
import { expect, it } from 'vitest';
import type { Tick } from '../../../shared/tick.ts';
import { av1Sample, waitFor } from '../../helpers/clients.ts';
import { serverPerTest } from '../../helpers/server-per-test.ts';

const rig = serverPerTest();

it('refuses impossible counters and timestamps, naming the field, and keeps the tick within bounds', async () => {
  const { server, pool } = rig;
  const event = await server.createEvent();
  const t0 = Date.now() - 10_000;
  const honest = await pool.viewer(server.url, { eventId: event.id, sessionId: 'honest-viewer-1' });
  expect(
    await honest.emitWithAck('viewer:stats', {
      samples: [1, 2, 3, 4, 5].map((seq) => av1Sample(seq, t0 + seq * 1000)),
    }),
  ).toMatchObject({ ok: true });

  const forger = await pool.viewer(server.url, { eventId: event.id, sessionId: 'forging-viewer-1' });
  const first = av1Sample(1, t0 + 1000);
  expect(await forger.emitWithAck('viewer:stats', { samples: [first] })).toMatchObject({ ok: true });
  const bytes = { ...av1Sample(2, t0 + 2000), vi: { ...first.vi!, by: 9e15 } };
  expect(await forger.emitWithAck('viewer:stats', { samples: [bytes] })).toMatchObject({
    ok: false,
    error: 'invalid-payload',
    field: 'samples.0.vi.by',
  });
  const frames = { ...av1Sample(2, t0 + 2000), vi: { ...av1Sample(2, t0 + 2000).vi!, fd: 1e15 } };
  expect(await forger.emitWithAck('viewer:stats', { samples: [frames] })).toMatchObject({
    ok: false,
    error: 'invalid-payload',
    field: 'samples.0.vi.fd',
  });
  const fps = { ...av1Sample(2, t0 + 2000), vi: { ...av1Sample(2, t0 + 2000).vi!, fps: 1e15 } };
  expect(await forger.emitWithAck('viewer:stats', { samples: [fps] })).toMatchObject({
    ok: false,
    error: 'invalid-payload',
    field: 'samples.0.vi.fps',
  });
  const backwards = { ...av1Sample(2, t0 + 2000), vi: { ...av1Sample(2, t0 + 2000).vi!, fd: 1 } };
  expect(await forger.emitWithAck('viewer:stats', { samples: [backwards] })).toMatchObject({
    ok: false,
    error: 'invalid-payload',
    field: 'samples.0.vi.fd',
  });
  expect(await forger.emitWithAck('viewer:stats', { samples: [av1Sample(2, 1000)] })).toMatchObject({
    ok: false,
    error: 'invalid-payload',
    field: 'samples.0.t',
  });
  expect(await forger.emitWithAck('viewer:funnel', { stage: 'page', t: Date.now() + 2 * 86_400_000 })).toMatchObject({
    ok: false,
    error: 'invalid-payload',
    field: 't',
  });
  expect(
    await forger.emitWithAck('viewer:stats', { samples: [2, 3, 4, 5].map((seq) => av1Sample(seq, t0 + seq * 1000)) }),
  ).toMatchObject({ ok: true });

  const tick = await waitFor(
    async () => {
      const t = (await (await server.api(`/api/events/${event.id}/live`)).json()) as Tick | null;
      return t && t.viewers.watching === 2 ? t : undefined;
    },
    10_000,
    'both viewers watching',
  );
  expect(tick.bitrateKbps?.p90).toBeLessThan(2_000);
  expect(tick.fps?.p90).toBeLessThanOrEqual(30);
  // The refusals were counted as invalid payloads of the event (in the ticks of the seconds they happened in).
  await waitFor(
    async () => {
      const ticks = (await (await server.api(`/api/events/${event.id}/ticks`)).json()) as Tick[];
      return ticks.reduce((n, t) => n + t.ingest.invalid, 0) >= 6 || undefined;
    },
    10_000,
    'six invalid payloads counted',
  );
});
