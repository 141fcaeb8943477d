/**
 * The event record survives a crash: ≥ 30 viewers send over real socket.io, the server process is killed with
 * SIGKILL mid-stream and restarted on the same storage; every acked seq is stored, and peak, funnel, failures and
 * endings are what they were. On SQLite (the data dir) and PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Tick } from '../../../shared/tick.ts';
import type { ViewerSummary } from '../../../shared/viewer.ts';
import { startServerProcess, type ServerProcess } from '../../e2e/support/server-process.ts';
import { CHROME_UA, connected, viewerSocket, waitFor, withTestTicket } from '../../helpers/clients.ts';
import { SendingViewer } from '../../helpers/sending-viewer.ts';
import { createPgSchema, type PgSchema } from '../../helpers/test-storage.ts';

const SENDERS = 30;
const LEAVERS = 5;

const json = async <T>(pending: Promise<Response>): Promise<T> => {
  const res = await pending;
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

/** The record-derived parts of a tick that must not change across a restart. */
const totals = (tick: Tick) => ({
  peak: tick.viewers.peak,
  funnel: tick.funnel,
  failures: tick.failures,
  endings: tick.endings,
});

describe.each(['sqlite', 'postgres'] as const)('crash recovery on %s', (dialect) => {
  let server: ServerProcess | null = null;
  let schema: PgSchema | null = null;
  const viewers: SendingViewer[] = [];

  afterEach(async () => {
    for (const v of viewers.splice(0)) v.stop();
    await server?.stop();
    await schema?.drop();
    server = null;
    schema = null;
  });

  it('keeps every acked sample and the event totals across a SIGKILL', { timeout: 180_000 }, async () => {
    schema = dialect === 'postgres' ? await createPgSchema() : null;
    const env: Record<string, string> = schema ? { DATABASE_URL: schema.url } : {};
    server = await startServerProcess(env);
    const event = await server.createEvent({ phase: 'live' });
    const url = server.url;

    for (let i = 0; i < SENDERS + LEAVERS; i++)
      viewers.push(new SendingViewer(url, event.id, `crash-viewer-${String(i).padStart(3, '0')}`));
    await Promise.all(viewers.map((v, i) => v.start(i % 10 === 0)));
    const live = () => json<Tick>(server!.api(`/api/events/${event.id}/live`));
    await waitFor(
      async () => ((await live()).viewers.watching === SENDERS + LEAVERS ? true : undefined),
      60_000,
      'everyone watching',
    );

    // Five viewers close their page (pagehide beacon); the other thirty keep sending.
    for (const v of viewers.slice(SENDERS)) {
      v.stop(); // pagehide: the collector stops, then the page says it leaves
      const body = JSON.stringify(
        withTestTicket({ eventId: event.id, sessionId: v.sessionId, kind: 'leave', payload: { t: Date.now() } }),
      );
      expect(
        (await fetch(`${url}/api/beacon`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } })).status,
      ).toBe(204);
    }
    await waitFor(
      async () => ((await live()).endings.left === LEAVERS ? true : undefined),
      30_000,
      'the leavers to leave',
    );
    const senders = viewers.slice(0, SENDERS);
    const floor = Math.max(...senders.map((v) => v.acked)) + 5;
    await waitFor(
      () => (senders.every((v) => v.acked >= floor) ? true : undefined),
      60_000,
      'more acks from every sender',
    );
    const before = await live();

    await server.crash();
    const acked = new Map(viewers.map((v) => [v.sessionId, v.acked]));
    for (const v of viewers.splice(0)) v.stop();

    const crashedAt = Date.now();
    server = await startServerProcess(env, server.dataDir);
    const after = await waitFor(
      async () => {
        const tick = await json<Tick>(server!.api(`/api/events/${event.id}/live`));
        return tick.t > crashedAt ? tick : undefined; // a tick built by the new process, not one it read back
      },
      60_000,
      'a fresh tick',
    );
    expect(totals(after)).toEqual(totals(before));
    expect(before.viewers.peak).toBe(SENDERS + LEAVERS);
    expect(before.funnel.page).toBe(SENDERS + LEAVERS);
    expect(before.failures).toEqual({ 'ice-failed': 4 });

    const list = await json<ViewerSummary[]>(server.api(`/api/events/${event.id}/viewers`));
    expect(list).toHaveLength(SENDERS + LEAVERS);
    expect(list.filter((v) => v.ending === 'left')).toHaveLength(LEAVERS);

    // Every session resumes at or after its last acked seq: nothing acked was lost.
    for (const [sessionId, seq] of acked) {
      const socket = viewerSocket(server.url, { eventId: event.id, sessionId }, CHROME_UA);
      await connected(socket);
      const hello = await socket.emitWithAck('viewer:hello', {});
      socket.disconnect();
      expect(hello.ok && hello.data.lastSeq, sessionId).toBeGreaterThanOrEqual(seq);
      expect(seq, sessionId).toBeGreaterThan(0);
    }
  });
});
