/**
 * Budgets through the real transport (issue 10, finding 2): 451 beacons put ~409 fake viewers and ~410 fake failures
 * on the dashboard, and inventing session ids bypassed every per-session limit. Now a beacon needs its session's
 * ticket, one session counts at most MAX_FAILURES_PER_SESSION failures, and beacons, questions and problem reports
 * spend a per-address (and per-event) budget.
 */
import { expect, it } from 'vitest';
import type { FailureRecord } from '../../../shared/funnel.ts';
import { MAX_FAILURES_PER_SESSION } from '../../../shared/limits.ts';
import { av1Sample, CHROME_UA, testTicket, waitFor } from '../../helpers/clients.ts';
import { serverPerTest } from '../../helpers/server-per-test.ts';
import { liveTick } from './admission-rig.ts';

const rig = serverPerTest();

const postBeacon = (body: unknown) =>
  fetch(`${rig.server.url}/api/beacon`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
    body: JSON.stringify(body),
  });
const failureBeacon = (eventId: string, sessionId: string, ticket?: string) => ({
  eventId,
  sessionId,
  ...(ticket === undefined ? {} : { ticket }),
  kind: 'failure',
  payload: { category: 'signaling-unreachable', t: Date.now(), code: 1006, stage: 'signaling' },
});
/** Runs `n` requests, `width` at a time, and returns their statuses in order. */
async function statuses(n: number, width: number, request: (i: number) => Promise<Response>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i += width) {
    out.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(width, n - i) }, async (_, k) => (await request(i + k)).status),
      )),
    );
  }
  return out;
}

it('beacons with invented session ids and no ticket add no viewer and no failure', async () => {
  const event = await rig.server.createEvent();
  const sent = await statuses(451, 50, (i) =>
    postBeacon(failureBeacon(event.id, `invented-${String(i).padStart(5, '0')}`)),
  );
  expect(new Set(sent)).toEqual(new Set([401]));
  const tick = await liveTick(rig.server, event.id);
  expect(tick.viewers.total).toBe(0);
  expect(tick.failures).toEqual({});
  expect(await (await rig.server.api(`/api/events/${event.id}/failures`)).json()).toEqual([]);
});

it('one address spends at most its beacon budget (500 at once), however many sessions it holds tickets for', async () => {
  const event = await rig.server.createEvent();
  rig.server.clock.freeze(); // no refill while the flood runs
  const sent = await statuses(600, 60, (i) => {
    const sessionId = `ticketed-${String(i).padStart(5, '0')}`;
    return postBeacon({
      eventId: event.id,
      sessionId,
      ticket: testTicket(event.id, sessionId),
      kind: 'funnel',
      payload: { stage: 'page', t: Date.now() },
    });
  });
  expect(sent.filter((s) => s === 204)).toHaveLength(500);
  expect(sent.filter((s) => s === 429)).toHaveLength(100);
});

it(`one session counts at most ${MAX_FAILURES_PER_SESSION} failures, however many it reports`, async () => {
  const event = await rig.server.createEvent();
  const viewer = await rig.pool.viewer(
    rig.server.url,
    { eventId: event.id, sessionId: 'failing-viewer-01' },
    CHROME_UA,
  );
  expect(await viewer.emitWithAck('viewer:stats', { samples: [av1Sample(1, Date.now())] })).toMatchObject({ ok: true });
  for (let i = 0; i < MAX_FAILURES_PER_SESSION + 10; i++) {
    const ack = await viewer.emitWithAck('viewer:failure', { category: 'ice-failed', t: Date.now(), stage: 'offer' });
    expect(ack).toEqual({ ok: true, data: null });
  }
  const stored = await waitFor(
    async () => {
      const rows = (await (await rig.server.api(`/api/events/${event.id}/failures`)).json()) as FailureRecord[];
      return rows.length >= MAX_FAILURES_PER_SESSION ? rows : undefined;
    },
    5_000,
    'the stored failures',
  );
  expect(stored).toHaveLength(MAX_FAILURES_PER_SESSION);
  expect((await liveTick(rig.server, event.id)).failures).toEqual({ 'ice-failed': MAX_FAILURES_PER_SESSION });
});

it('questions and problem reports from many sessions of one address stop at the address budget (20 and 10 at once)', async () => {
  const event = await rig.server.createEvent();
  const ask = async (i: number) => {
    const viewer = await rig.pool.viewer(rig.server.url, {
      eventId: event.id,
      sessionId: `asking-viewer-${String(i).padStart(3, '0')}`,
    });
    return viewer.emitWithAck('viewer:question', { t: Date.now(), content: `Question ${i}` });
  };
  const asked = [];
  for (let i = 0; i < 22; i++) asked.push(await ask(i));
  expect(asked.filter((a) => a.ok)).toHaveLength(20);
  expect(asked.slice(-1)).toMatchObject([{ ok: false, error: 'rate-limited' }]);

  const report = async (i: number) => {
    const viewer = await rig.pool.viewer(rig.server.url, {
      eventId: event.id,
      sessionId: `report-viewer-${String(i).padStart(3, '0')}`,
    });
    return viewer.emitWithAck('viewer:problem', {
      t: Date.now(),
      samples: [av1Sample(1, Date.now())],
      browser: { userAgent: CHROME_UA },
    });
  };
  const reported = [];
  for (let i = 0; i < 12; i++) reported.push(await report(i));
  expect(reported.filter((a) => a.ok)).toHaveLength(10);
  expect(reported.slice(-1)).toMatchObject([{ ok: false, error: 'rate-limited' }]);
});

it('failure reports of many sessions from one address stop at the address budget (300 at once)', async () => {
  const event = await rig.server.createEvent();
  const viewers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      rig.pool.viewer(rig.server.url, { eventId: event.id, sessionId: `storm-viewer-${String(i).padStart(3, '0')}` }),
    ),
  );
  rig.server.clock.freeze(); // no refill while the storm runs
  const acks = (
    await Promise.all(
      viewers.map((viewer) =>
        Promise.all(
          Array.from({ length: MAX_FAILURES_PER_SESSION }, () =>
            viewer.emitWithAck('viewer:failure', { category: 'dropped', t: Date.now() }),
          ),
        ),
      ),
    )
  ).flat();
  const counted = acks.filter((a) => a.ok).length;
  expect(counted).toBe(300);
  rig.server.clock.resume(); // ticks again
  expect(acks.filter((a) => !a.ok)).toEqual(
    Array(acks.length - counted).fill(expect.objectContaining({ error: 'rate-limited' })),
  );
  const tick = await waitFor(
    async () => {
      const t = await liveTick(rig.server, event.id);
      return t.failures.dropped === counted ? t : undefined;
    },
    5_000,
    'the counted failures in the tick',
  );
  expect(tick.failures).toEqual({ dropped: counted });
});
