/**
 * `POST /api/beacon` and pre-flight keeping through the real app: validation, limits, failures and the host's views.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PreflightSummary } from '../../../shared/beacon.ts';
import type { FailureRecord, Preflight } from '../../../shared/funnel.ts';
import type { Tick } from '../../../shared/tick.ts';
import {
  CHROME_UA,
  connected,
  viewerSocket,
  waitFor,
  withTestTicket,
  type ViewerSocket,
} from '../../helpers/clients.ts';
import { startSoraServer, type SoraServer } from './sora-server.ts';

let server: SoraServer;
const sockets: ViewerSocket[] = [];
beforeEach(async () => {
  server = await startSoraServer();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

/** As `navigator.sendBeacon(url, string)` sends it, with the session's ticket (`withTestTicket`). */
const beacon = (body: unknown) =>
  fetch(`${server.url}/api/beacon`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME_UA },
    body: typeof body === 'string' ? body : JSON.stringify(withTestTicket(body)),
  });
const failures = async (eventId: string) =>
  (await (await server.api(`/api/events/${eventId}/failures`)).json()) as FailureRecord[];
const NO_AV1: Preflight = {
  t: Date.now(),
  items: [
    { id: 'browser', status: 'pass', detail: 'Chrome 156 >= 90' },
    { id: 'av1', status: 'fail', detail: 'video/av1 not in receiver capabilities' },
  ],
};

describe('beacon', () => {
  it('records a failure sent while the socket was down, with browser and OS from the request', async () => {
    const event = await server.soraEvent('ch-beacon');
    const res = await beacon({
      eventId: event.id,
      sessionId: 'beacon-session-1',
      kind: 'failure',
      payload: { category: 'signaling-unreachable', t: Date.now(), code: 1006, stage: 'signaling' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const stored = await waitFor(async () => (await failures(event.id))[0], 5_000, 'the stored failure');
    expect(stored).toMatchObject({
      category: 'signaling-unreachable',
      code: 1006,
      sessionId: 'beacon-session-1',
      browser: 'Chrome',
      os: 'Windows',
    });
    const tick = (await (await server.api(`/api/events/${event.id}/live`)).json()) as Tick;
    expect(tick.failures).toEqual({ 'signaling-unreachable': 1 });
  });

  it('refuses bad JSON, bad shapes, oversize bodies and unknown events without crashing', async () => {
    const event = await server.soraEvent('ch-bad');
    expect((await beacon('{oops')).status).toBe(400);
    expect(
      (await beacon({ eventId: event.id, sessionId: 'beacon-session-2', kind: 'stats', payload: {} })).status,
    ).toBe(400);
    expect(
      (await beacon({ eventId: event.id, sessionId: 'x', kind: 'funnel', payload: { stage: 'page', t: 1 } })).status,
    ).toBe(400);
    expect(
      (
        await beacon({
          eventId: event.id,
          sessionId: 'beacon-session-2',
          kind: 'funnel',
          payload: { stage: 'page', t: 1, pad: 'x'.repeat(9_000) },
        })
      ).status,
    ).toBe(413);
    expect(
      (
        await beacon({
          eventId: 'nope',
          sessionId: 'beacon-session-2',
          kind: 'funnel',
          payload: { stage: 'page', t: Date.now() },
        })
      ).status,
    ).toBe(404);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('rate-limits one session (20 at once, then 12 a minute)', async () => {
    const event = await server.soraEvent('ch-rate');
    const body = {
      eventId: event.id,
      sessionId: 'beacon-session-3',
      kind: 'funnel',
      payload: { stage: 'page', t: Date.now() },
    };
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await beacon(body)).status);
    expect(statuses.filter((s) => s === 204)).toHaveLength(20);
    expect(statuses.slice(-1)).toEqual([429]);
    expect((await beacon({ ...body, sessionId: 'beacon-session-4' })).status).toBe(204);
  });
});

describe('pre-flight results', () => {
  it('a socket pre-flight with a failed codec check becomes codec-unsupported once, and is kept per session', async () => {
    const event = await server.soraEvent('ch-preflight');
    const viewer = viewerSocket(server.url, { eventId: event.id, sessionId: 'preflight-session-1' }, CHROME_UA);
    sockets.push(viewer);
    await connected(viewer);
    expect(await viewer.emitWithAck('viewer:preflight', NO_AV1)).toEqual({ ok: true, data: null });
    expect(await viewer.emitWithAck('viewer:preflight', { ...NO_AV1, t: NO_AV1.t + 1 })).toEqual({
      ok: true,
      data: null,
    });
    const stored = await waitFor(async () => (await failures(event.id))[0], 5_000, 'the stored failure');
    expect(stored).toMatchObject({
      category: 'codec-unsupported',
      stage: 'preflight',
      title: 'preflight:av1',
      message: 'video/av1 not in receiver capabilities',
    });
    const summary = (await (await server.api(`/api/events/${event.id}/preflight`)).json()) as PreflightSummary;
    expect(summary).toMatchObject({
      sessions: 1,
      items: { av1: { pass: 0, warn: 0, fail: 1 }, browser: { pass: 1, warn: 0, fail: 0 } },
    });
    expect(summary.failing).toMatchObject([{ sessionId: 'preflight-session-1', browser: 'Chrome', t: NO_AV1.t + 1 }]);
    expect(await failures(event.id)).toHaveLength(1);
    const tick = (await (await server.api(`/api/events/${event.id}/live`)).json()) as Tick;
    expect(tick.funnel.preflight).toBe(1);
  });

  it('a pre-flight beacon from a viewer that never connected counts the same way', async () => {
    const event = await server.soraEvent('ch-preflight-beacon');
    const preflight: Preflight = {
      t: Date.now(),
      items: [{ id: 'browser', status: 'fail', detail: 'Chrome 80 < 100' }],
    };
    expect(
      (await beacon({ eventId: event.id, sessionId: 'preflight-session-2', kind: 'preflight', payload: preflight }))
        .status,
    ).toBe(204);
    const stored = await waitFor(async () => (await failures(event.id))[0], 5_000, 'the stored failure');
    expect(stored).toMatchObject({ category: 'unsupported-browser', message: 'Chrome 80 < 100' });
    expect((await (await server.api(`/api/events/${event.id}/preflight`)).json()) as PreflightSummary).toMatchObject({
      sessions: 1,
    });
    expect((await fetch(`${server.url}/api/events/${event.id}/preflight`)).status).toBe(401);
  });
});
