/**
 * Session ownership through the real transport (issue 10, finding 4): a second socket with a victim's session id
 * could push its seq to 1e15 (every later sample of the victim discarded yet acked) and, by disconnecting, mark the
 * victim gone. Now only the victim's own ticket speaks for its session: the intruder is refused at the handshake.
 */
import { expect, it } from 'vitest';
import type { StatsAck } from '../../../shared/events.ts';
import type { Result } from '../../../shared/result.ts';
import type { ViewerSummary } from '../../../shared/viewer.ts';
import { av1Sample, CHROME_UA, collectTicks, connected, waitFor } from '../../helpers/clients.ts';
import { serverPerTest } from '../../helpers/server-per-test.ts';
import { fetchTicket, outcome, rawViewer } from './admission-rig.ts';

const rig = serverPerTest();

it('an intruder with the victim session id but its own (or no) ticket is refused; the victim keeps storing and stays connected', async () => {
  const { server } = rig;
  const event = await server.createEvent();
  const host = rig.pool.host(server.url);
  const ticks = collectTicks(host);
  await connected(host);
  await host.emitWithAck('host:subscribe', { eventId: event.id });

  const mine = await fetchTicket(server.url, event.id);
  const victim = rawViewer(server.url, { eventId: event.id, sessionId: mine.sessionId, ticket: mine.ticket });
  await connected(victim);
  const t0 = Date.now() - 10_000;
  const send = (seq: number) =>
    victim.emitWithAck('viewer:stats', { samples: [av1Sample(seq, t0 + seq * 1000)] }) as Promise<Result<StatsAck>>;
  expect(await send(1)).toMatchObject({ ok: true, data: { ackSeq: 1 } });

  // The intruder holds a perfectly good ticket, for its own session, and claims the victim's.
  const theirs = await fetchTicket(server.url, event.id);
  const intruders = [
    rawViewer(server.url, { eventId: event.id, sessionId: mine.sessionId, ticket: theirs.ticket }),
    rawViewer(server.url, { eventId: event.id, sessionId: mine.sessionId }),
  ];
  for (const intruder of intruders) {
    expect(await outcome(intruder)).toBe('unauthorized');
    intruder.disconnect();
  }

  // The victim's next samples are stored (not discarded as old seqs), and it is still connected.
  expect(await send(2)).toMatchObject({ ok: true, data: { ackSeq: 2 } });
  expect(await send(3)).toMatchObject({ ok: true, data: { ackSeq: 3 } });
  const rows = (await (await server.api(`/api/events/${event.id}/viewers`)).json()) as ViewerSummary[];
  expect(rows).toMatchObject([{ sessionId: mine.sessionId, connected: true, ending: null }]);
  await waitFor(
    () => (ticks.reduce((sum, tick) => sum + tick.ingest.invalid, 0) === 2 ? true : undefined),
    5_000,
    'the intruders counted as invalid',
  );

  // Nor can the intruder end the victim's session with a leave beacon in its name.
  const leave = (ticket: string) =>
    fetch(`${server.url}/api/beacon`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
      body: JSON.stringify({
        eventId: event.id,
        sessionId: mine.sessionId,
        ticket,
        kind: 'leave',
        payload: { t: Date.now() },
      }),
    });
  expect((await leave(theirs.ticket)).status).toBe(401);
  const after = (await (await server.api(`/api/events/${event.id}/viewers`)).json()) as ViewerSummary[];
  expect(after).toMatchObject([{ sessionId: mine.sessionId, connected: true, ending: null }]);
  // Its own ticket still works for the victim's own beacons.
  expect((await leave(mine.ticket)).status).toBe(204);
  victim.disconnect();
});
