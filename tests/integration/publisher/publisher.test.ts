/**
 * The broadcaster's upload end to end on a real server: `publisher:sample` over the host socket → acked once stored →
 * `publisher:status` to the event's dashboards → REST history; refusals; and a restart that continues from storage.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PUBLISHERS_PER_EVENT } from '../../../shared/limits.ts';
import type { PublisherSample } from '../../../shared/publisher-sample.ts';
import type { PublisherStatus, PublisherView } from '../../../shared/publisher-status.ts';
import { connected, hostSocket, waitFor, type HostSocket } from '../../helpers/clients.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';
import { DIALECTS } from '../../helpers/test-storage.ts';
import { repeat, script } from '../../unit/server/publisher/publisher-samples.ts';

let server: TestServer;
const sockets: HostSocket[] = [];

async function host(): Promise<HostSocket> {
  const socket = hostSocket(server.url);
  sockets.push(socket);
  await connected(socket);
  return socket;
}

/** Samples of the last `n` seconds, ending now (the server checks sample times against its clock). */
const recent = (n: number, kbps = 2000): PublisherSample[] => script(repeat(n, { kbps }), Date.now() - n * 1000);

const view = async (eventId: string): Promise<PublisherView> =>
  (await (await server.api(`/api/events/${eventId}/publisher`)).json()) as PublisherView;

describe.each(DIALECTS)('publisher:sample on %s', (dialect) => {
  beforeEach(async () => {
    server = await startTestServer(dialect);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server.close();
  });

  it('acks once stored with the status the dashboards get, and serves the history', async () => {
    const event = await server.createEvent();
    const [publisher, dashboard] = [await host(), await host()];
    await dashboard.emitWithAck('host:subscribe', { eventId: event.id });
    const pushed: PublisherStatus[] = [];
    dashboard.on('publisher:status', (s) => pushed.push(s));

    const samples = recent(5);
    const ack = await publisher.emitWithAck('publisher:sample', { eventId: event.id, pid: 'publisher-one', samples });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    expect(ack.data.ackSeq).toBe(6);
    expect(ack.data.status).toMatchObject({ eventId: event.id, phase: 'live', state: 'live', band: 'good' });
    expect(ack.data.status.reading?.videoKbps).toBe(2000);

    const first = await waitFor(() => pushed[0], 5_000, 'publisher:status');
    expect(first).toMatchObject({ state: 'live', band: 'good' });
    const stored = await view(event.id);
    expect(stored.points).toHaveLength(5);
    expect(stored.status.state).toBe('live');
  });

  it('refuses bad input naming the field, unknown events, and a fifth publisher', async () => {
    const event = await server.createEvent();
    const publisher = await host();
    const bad = await publisher.emitWithAck('publisher:sample', {
      eventId: event.id,
      pid: 'publisher-one',
      samples: [{ seq: 1, t: Date.now(), vo: { ss: 1, by: -1, ps: 0 } }],
    });
    expect(bad).toMatchObject({ ok: false, error: 'invalid-payload', field: 'samples.0.vo.by' });
    const unknown = await publisher.emitWithAck('publisher:sample', {
      eventId: 'nope',
      pid: 'publisher-one',
      samples: recent(1),
    });
    expect(unknown).toMatchObject({ ok: false, error: 'not-found' });
    for (let i = 0; i < MAX_PUBLISHERS_PER_EVENT; i++) {
      const ok = await publisher.emitWithAck('publisher:sample', {
        eventId: event.id,
        pid: `publisher-${i}x`,
        samples: recent(1),
      });
      expect(ok.ok).toBe(true);
    }
    const extra = await publisher.emitWithAck('publisher:sample', {
      eventId: event.id,
      pid: 'publisher-extra',
      samples: recent(1),
    });
    expect(extra).toMatchObject({ ok: false, error: 'rate-limited' });
  });

  it('marks a publisher that says `end` as stopped', async () => {
    const event = await server.createEvent();
    const publisher = await host();
    const samples = recent(3);
    await publisher.emitWithAck('publisher:sample', { eventId: event.id, pid: 'publisher-one', samples });
    const ack = await publisher.emitWithAck('publisher:sample', {
      eventId: event.id,
      pid: 'publisher-one',
      samples: samples.slice(-1),
      end: true,
    });
    expect(ack.ok && ack.data.status.state).toBe('stopped');
    expect((await view(event.id)).status.state).toBe('stopped');
  });

  it('continues after a restart from what was acked: history, rates, and resends deduplicated', async () => {
    const event = await server.createEvent();
    const samples = recent(8);
    let publisher = await host();
    await publisher.emitWithAck('publisher:sample', {
      eventId: event.id,
      pid: 'publisher-one',
      samples: samples.slice(0, 6),
    });
    await server.restart();
    publisher = await host();
    expect((await view(event.id)).points).toHaveLength(5);
    // The page resends what it did not see acked, with the rest.
    const ack = await publisher.emitWithAck('publisher:sample', {
      eventId: event.id,
      pid: 'publisher-one',
      samples: samples.slice(4),
    });
    expect(ack.ok && ack.data.ackSeq).toBe(9);
    const after = await view(event.id);
    expect(after.points).toHaveLength(8);
    expect(after.status.reading?.videoKbps).toBe(2000);
  });

  it('is for hosts only', async () => {
    const socket = hostSocket(server.url, 'wrong-token-0123456789');
    sockets.push(socket);
    await expect(connected(socket)).rejects.toThrow('unauthorized');
  });
});
