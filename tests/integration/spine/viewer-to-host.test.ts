/** A viewer's samples reach a host as 1 s ticks through the real server, socket.io and SQLite. */
import { describe, expect, it } from 'vitest';
import type { StatsAck, ViewerWelcome } from '../../../shared/events.ts';
import type { Result } from '../../../shared/result.ts';
import type { Tick } from '../../../shared/tick.ts';
import { av1Sample, CHROME_UA, collectTicks, connected, waitFor, type ViewerSocket } from '../../helpers/clients.ts';
import { serverPerTest } from '../../helpers/server-per-test.ts';
import { DIALECTS } from '../../helpers/test-storage.ts';

const rig = serverPerTest();
const { pool } = rig;

async function sendBatch(viewer: ViewerSocket, seqs: number[], t0: number): Promise<Result<StatsAck>> {
  return viewer.emitWithAck('viewer:stats', { samples: seqs.map((seq) => av1Sample(seq, t0 + seq * 1000)) });
}

describe('viewer → server → host', () => {
  it('shows a watching AV1 viewer with a bitrate in the next tick and serves it over REST', async () => {
    const event = await rig.server.createEvent();
    const host = pool.host(rig.server.url);
    const ticks = collectTicks(host);
    await connected(host);
    const snapshot = await host.emitWithAck('host:subscribe', { eventId: event.id });
    expect(snapshot.ok).toBe(true);

    const viewer = await pool.viewer(rig.server.url, { eventId: event.id, sessionId: 'viewer-aaaa-0001' }, CHROME_UA);
    const hello = (await viewer.emitWithAck('viewer:hello', {})) as Result<ViewerWelcome>;
    expect(hello).toEqual({ ok: true, data: { lastSeq: 0, sendIntervalMs: 2000 } });
    const t0 = Date.now() - 5000;
    expect(await sendBatch(viewer, [1, 2, 3, 4], t0)).toEqual({ ok: true, data: { ackSeq: 4, sendIntervalMs: 2000 } });

    const tick = await waitFor(
      () => ticks.find((t) => t.viewers.watching === 1),
      5000,
      'a tick with one watching viewer',
    );
    expect(tick.eventId).toBe(event.id);
    expect(tick.codecs).toEqual({ AV1: 1 });
    expect(tick.browsers).toEqual({ Chrome: 1 });
    expect(tick.bitrateKbps?.p50).toBeGreaterThan(1000);
    expect(tick.bands.good).toBe(1);
    expect(tick.resolutions).toEqual({ '720p': 1 });

    const live = (await (await rig.server.api(`/api/events/${event.id}/live`)).json()) as Tick;
    expect(live.viewers.watching).toBe(1);
    const viewers = (await (await rig.server.api(`/api/events/${event.id}/viewers`)).json()) as Array<{
      sessionId: string;
      state: string;
      codec: string;
    }>;
    expect(viewers).toMatchObject([{ sessionId: 'viewer-aaaa-0001', state: 'watching', codec: 'AV1' }]);
  });
});

describe.each(DIALECTS)('storage on %s', (dialect) => {
  it('stores ticks, the session and 10 s history when the server flushes', async () => {
    await rig.use(dialect);
    const event = await rig.server.createEvent();
    const viewer = await pool.viewer(rig.server.url, { eventId: event.id, sessionId: 'viewer-bbbb-0002' }, CHROME_UA);
    await viewer.emitWithAck('viewer:hello', {});
    await sendBatch(viewer, [1, 2, 3, 4, 5, 6], Date.now() - 7000);
    await waitFor(
      async () => {
        const res = await rig.server.api(`/api/events/${event.id}/ticks?since=0`);
        const stored = (await res.json()) as Tick[];
        return stored.length > 0 ? stored : undefined;
      },
      5000,
      'stored ticks',
    );
    await rig.server.stopApp(); // final flush writes sessions and history
    const session = await rig.server.storage.db
      .selectFrom('viewer_sessions')
      .selectAll()
      .where('session_id', '=', 'viewer-bbbb-0002')
      .executeTakeFirstOrThrow();
    expect(session).toMatchObject({
      event_id: event.id,
      last_seq: 6,
      browser: 'Chrome',
      os: 'Windows',
      state: 'watching',
      codec: 'AV1',
    });
    const history = await rig.server.storage.db
      .selectFrom('viewer_history')
      .selectAll()
      .where('session_ref', '=', session.ref)
      .execute();
    expect(history.length).toBeGreaterThanOrEqual(1);
    expect(history[0]?.kbps).toBeGreaterThan(1000);
  });
});

describe('ticks', () => {
  it('keeps one tick per second per event however many hosts listen', async () => {
    const event = await rig.server.createEvent();
    const hosts = [pool.host(rig.server.url), pool.host(rig.server.url), pool.host(rig.server.url)];
    const received = hosts.map(collectTicks);
    for (const host of hosts) {
      await connected(host);
      await host.emitWithAck('host:subscribe', { eventId: event.id });
    }
    await waitFor(() => (received.every((r) => r.length >= 3) ? true : undefined), 6000, 'three ticks on every host');
    const times = received.map((r) => r.slice(0, 3).map((t) => t.t));
    expect(times[1]).toEqual(times[0]);
    expect(times[2]).toEqual(times[0]);
    expect(new Set(times[0]).size).toBe(3);
  });
});
