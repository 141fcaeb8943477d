/**
 * Viewer admission through the real transport (issue 10, finding 1): a `/viewer` handshake needs a signed ticket
 * for its event and session; tickets come from the public event or the ticket endpoint, renew for the same session,
 * survive a restart, and are rate-limited per address.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VIEWER_TICKET_TTL_MS } from '../../../shared/limits.ts';
import { collectTicks, connected, socketPool, testTicket, waitFor } from '../../helpers/clients.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';
import { fetchTicket, liveTick, outcome, postTicket, publicEvent, rawViewer } from './admission-rig.ts';

let server: TestServer;
const pool = socketPool();
const opened: Array<{ disconnect(): void }> = [];
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const s of opened.splice(0)) s.disconnect();
  pool.closeAll();
  await server.close();
});
const track = <T extends { disconnect(): void }>(socket: T): T => {
  opened.push(socket);
  return socket;
};

describe('the /viewer handshake', () => {
  it('refuses a handshake without a ticket, or with a forged, expired or foreign one, with unauthorized; each counts as invalid', async () => {
    const event = await server.createEvent();
    const other = await server.createEvent({ title: 'Other' });
    const host = pool.host(server.url);
    const ticks = collectTicks(host);
    await connected(host);
    await host.emitWithAck('host:subscribe', { eventId: event.id });
    const sessionId = 'viewer-adm-0001';
    const good = testTicket(event.id, sessionId);
    const [head, mac] = [good.slice(0, good.lastIndexOf('.')), good.slice(good.lastIndexOf('.') + 1)];
    const attempts = [
      {},
      { ticket: 'not-a-ticket' },
      { ticket: `${head}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}` },
      { ticket: testTicket(event.id, sessionId, Date.now() - VIEWER_TICKET_TTL_MS - 1_000) },
      { ticket: testTicket(other.id, sessionId) },
    ];
    for (const extra of attempts) {
      const socket = track(rawViewer(server.url, { eventId: event.id, sessionId, ...extra }));
      expect(await outcome(socket)).toBe('unauthorized');
    }
    const invalid = () => ticks.reduce((sum, tick) => sum + tick.ingest.invalid, 0);
    await waitFor(() => (invalid() === attempts.length ? true : undefined), 5_000, 'the refusals counted');
    expect(ticks.every((tick) => tick.viewers.total === 0)).toBe(true);
  });

  it('admits the session the public event minted, and the page counts once it sends its first funnel step', async () => {
    const event = await server.createEvent();
    const { viewer } = await publicEvent(server.url, event.id);
    expect(viewer?.sessionId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(viewer?.expiresInMs).toBeGreaterThan(VIEWER_TICKET_TTL_MS - 2_000);
    const socket = track(
      rawViewer(server.url, { eventId: event.id, sessionId: viewer?.sessionId, ticket: viewer?.ticket }),
    );
    await connected(socket);
    expect(await socket.emitWithAck('viewer:funnel', { stage: 'page', t: Date.now() })).toEqual({
      ok: true,
      data: null,
    });
    const tick = await waitFor(
      async () => {
        const t = await liveTick(server, event.id);
        return t.viewers.total === 1 ? t : undefined;
      },
      5_000,
      'the viewer counted',
    );
    expect(tick.funnel.page).toBe(1);
    // The same ticket does not speak for another session id.
    const other = track(
      rawViewer(server.url, { eventId: event.id, sessionId: 'someone-else-01', ticket: viewer?.ticket }),
    );
    expect(await outcome(other)).toBe('unauthorized');
  });
});

describe('POST /api/public/events/:id/ticket', () => {
  it('mints a new session for {}, renews an authentic ticket (even expired) for the same session, and any origin may call it', async () => {
    const event = await server.createEvent();
    const res = await postTicket(server.url, event.id, {}, { origin: 'https://embedder.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const first = (await res.json()) as { sessionId: string; ticket: string };
    const renewed = await fetchTicket(server.url, event.id, first.ticket);
    expect(renewed.sessionId).toBe(first.sessionId);
    // A page hidden for an hour: its ticket expired, but it renews into the same session.
    const stale = testTicket(event.id, 'hidden-page-001', Date.now() - VIEWER_TICKET_TTL_MS - 60 * 60_000);
    expect((await fetchTicket(server.url, event.id, stale)).sessionId).toBe('hidden-page-001');
    // A forged or foreign ticket gets a brand-new session, never the one it names.
    const other = await server.createEvent({ title: 'Other' });
    expect((await fetchTicket(server.url, event.id, testTicket(other.id, 'hidden-page-001'))).sessionId).not.toBe(
      'hidden-page-001',
    );
    expect((await postTicket(server.url, event.id, { ticket: 42 })).status).toBe(400);
    expect((await postTicket(server.url, 'no-such-event', {})).status).toBe(404);
  });

  it('rate-limits one address (300 at once, then 120 a minute): a flood of tickets is refused with 429', async () => {
    const event = await server.createEvent();
    const statuses: number[] = [];
    server.clock.freeze(); // no refill while the flood runs, however long it takes
    for (let batch = 0; batch < 10; batch++) {
      statuses.push(
        ...(await Promise.all(Array.from({ length: 40 }, async () => (await postTicket(server.url, event.id)).status))),
      );
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(300);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100);
    // The public event still loads; it just carries no ticket until the budget refills.
    expect((await publicEvent(server.url, event.id)).viewer).toBeNull();
    server.clock.advance(1_000); // two tickets' worth
    expect((await postTicket(server.url, event.id)).status).toBe(200);
    expect((await publicEvent(server.url, event.id)).viewer).not.toBeNull();
    expect((await postTicket(server.url, event.id)).status).toBe(429);
  });

  it('a ticket minted before a restart still admits its session after it (the key persists)', async () => {
    const event = await server.createEvent();
    const ticket = await fetchTicket(server.url, event.id);
    const url = await server.restart();
    const socket = track(rawViewer(url, { eventId: event.id, sessionId: ticket.sessionId, ticket: ticket.ticket }));
    expect(await outcome(socket)).toBe('connected');
  });
});
