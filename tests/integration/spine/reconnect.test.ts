/** A viewer that loses its socket mid-stream loses nothing and stores nothing twice. */
import { expect, it } from 'vitest';
import type { ViewerWelcome } from '../../../shared/events.ts';
import type { Result } from '../../../shared/result.ts';
import { av1Sample, collectTicks, connected, waitFor, type ViewerSocket } from '../../helpers/clients.ts';
import { serverPerTest } from '../../helpers/server-per-test.ts';

const rig = serverPerTest();
const { pool } = rig;

const SESSION = 'viewer-reconnect-01';

async function openViewer(eventId: string): Promise<{ viewer: ViewerSocket; lastSeq: number }> {
  const viewer = await pool.viewer(rig.server.url, { eventId, sessionId: SESSION });
  const hello = (await viewer.emitWithAck('viewer:hello', {})) as Result<ViewerWelcome>;
  if (!hello.ok) throw new Error(hello.error);
  return { viewer, lastSeq: hello.data.lastSeq };
}

it('resumes after a dropped socket from the server-acknowledged seq, with zero loss and no duplicates', async () => {
  const event = await rig.server.createEvent();
  const host = pool.host(rig.server.url);
  const ticks = collectTicks(host);
  await connected(host);
  await host.emitWithAck('host:subscribe', { eventId: event.id });
  const t0 = Date.now() - 30_000;
  const sample = (seq: number) => av1Sample(seq, t0 + seq * 1000);

  const first = await openViewer(event.id);
  expect(first.lastSeq).toBe(0);
  const ack = await first.viewer.emitWithAck('viewer:stats', { samples: [1, 2, 3, 4, 5].map(sample) });
  expect(ack).toMatchObject({ ok: true, data: { ackSeq: 5 } });
  // The next batch is sent and the socket dies before its ack can arrive: the client cannot know if it was stored.
  first.viewer.emit('viewer:stats', { samples: [6, 7, 8].map(sample) }, () => undefined);
  first.viewer.disconnect();

  const second = await openViewer(event.id);
  expect([5, 8]).toContain(second.lastSeq);
  // The client resends everything it still holds after its last ack (6..8), plus new samples, overlapping on purpose.
  const resend = await second.viewer.emitWithAck('viewer:stats', {
    samples: [4, 5, 6, 7, 8, 9, 10, 11, 12].map(sample),
  });
  expect(resend).toMatchObject({ ok: true, data: { ackSeq: 12 } });
  const again = await second.viewer.emitWithAck('viewer:stats', { samples: [11, 12].map(sample) });
  expect(again).toMatchObject({ ok: true, data: { ackSeq: 12 } });

  // Every sample is counted exactly once across all ticks.
  const total = () => ticks.reduce((sum, t) => sum + t.ingest.samples, 0);
  await waitFor(() => (total() >= 12 ? true : undefined), 5000, 'twelve samples in ticks');
  const seen = ticks.length;
  // nothing further may appear
  await waitFor(() => (ticks.length >= seen + 2 ? true : undefined), 5000, 'two more ticks');
  expect(total()).toBe(12);
  const tick = ticks[ticks.length - 1];
  expect(tick?.viewers.total).toBe(1);

  await rig.server.stopApp();
  const session = await rig.server.storage.db
    .selectFrom('viewer_sessions')
    .select(['last_seq'])
    .where('session_id', '=', SESSION)
    .executeTakeFirstOrThrow();
  expect(session.last_seq).toBe(12);
});

it('remembers the stored seq across a server restart so a returning viewer does not resend old samples', async () => {
  const event = await rig.server.createEvent();
  const first = await openViewer(event.id);
  await first.viewer.emitWithAck('viewer:stats', {
    samples: [1, 2, 3].map((seq) => av1Sample(seq, Date.now() - 10_000 + seq * 1000)),
  });
  first.viewer.disconnect();
  await rig.server.restart();
  const returning = await openViewer(event.id);
  expect(returning.lastSeq).toBe(3);
  const ack = await returning.viewer.emitWithAck('viewer:stats', {
    samples: [2, 3, 4].map((seq) => av1Sample(seq, Date.now() - 10_000 + seq * 1000)),
  });
  expect(ack).toMatchObject({ ok: true, data: { ackSeq: 4 } });
});
