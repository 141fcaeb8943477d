/**
 * The collector's own connection (client/src/collector/viewer-socket.ts + viewer-pass.ts, as the embed uses them)
 * against the real server: it fetches its ticket, renews a refused one into the same session, and comes back after the
 * server closed it for idling.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { connectViewerSocket } from '../../../client/src/collector/viewer-socket.ts';
import { ViewerPass } from '../../../client/src/collector/viewer-pass.ts';
import { VIEWER_TICKET_TTL_MS } from '../../../shared/limits.ts';
import { testTicket, waitFor } from '../../helpers/clients.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';

let server: TestServer;
const closers: Array<() => void> = [];
beforeEach(async () => {
  server = await startTestServer('sqlite', { viewerLimits: { idleDeadlineMs: 1_500, bigAudienceViewers: 2_000 } });
});
afterEach(async () => {
  for (const close of closers.splice(0)) close();
  await server.close();
});

const open = (pass: ViewerPass, eventId: string) => {
  const connection = connectViewerSocket({ server: server.url, eventId, pass });
  closers.push(connection.close);
  return connection.socket;
};

it('fetches its own ticket and connects as the session the server minted', async () => {
  const event = await server.createEvent();
  const pass = new ViewerPass({ server: server.url, eventId: event.id });
  const socket = open(pass, event.id);
  await waitFor(() => (socket.connected ? true : undefined), 10_000, 'the socket admitted');
  expect(pass.current?.sessionId).toMatch(/^[A-Za-z0-9_-]{16}$/);
  expect(await socket.emitWithAck('viewer:funnel', { stage: 'page', t: Date.now() })).toEqual({ ok: true, data: null });
  const rows = (await (await server.api(`/api/events/${event.id}/viewers`)).json()) as Array<{ sessionId: string }>;
  expect(rows.map((r) => r.sessionId)).toEqual([pass.current?.sessionId]);
});

it('renews a ticket the server refused (expired) into the same session, and reconnects after an idle close', async () => {
  const event = await server.createEvent();
  const expired = testTicket(event.id, 'long-hidden-page', Date.now() - VIEWER_TICKET_TTL_MS - 60_000);
  // The page believes its ticket is fresh (its clock says so); the server refuses it, the collector renews it.
  const pass = new ViewerPass({
    server: server.url,
    eventId: event.id,
    issued: { sessionId: 'long-hidden-page', ticket: expired, expiresAt: 0, expiresInMs: VIEWER_TICKET_TTL_MS },
  });
  const socket = open(pass, event.id);
  const refusals: string[] = [];
  socket.on('connect_error', (err) => refusals.push(err.message));
  await waitFor(() => (socket.connected ? true : undefined), 10_000, 'the socket admitted after renewal');
  expect(refusals).toEqual(['unauthorized']);
  expect(pass.current?.sessionId).toBe('long-hidden-page');
  expect(pass.current?.ticket).not.toBe(expired);

  // Nothing that counts is sent: the server closes the socket at its idle deadline, and the collector comes back.
  const closed = await new Promise<string>((resolve) => socket.once('disconnect', resolve));
  expect(closed).toBe('io server disconnect');
  await waitFor(() => (socket.connected ? true : undefined), 10_000, 'the socket back after the idle close');
});
