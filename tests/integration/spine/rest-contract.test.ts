/**
 * The REST contract against the real app: every endpoint of shared/host-api.ts and shared/public-api.ts is routed
 * (a path the server does not serve answers Hono's plain-text 404, never JSON), and the dashboard's typed client
 * reads real answers of the shapes it is typed with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostApi } from '../../../client/src/host/api.ts';
import type { KansokuEvent } from '../../../shared/event.ts';
import { HOST_API } from '../../../shared/host-api.ts';
import { PUBLIC_API } from '../../../shared/public-api.ts';
import { urlOf, type Endpoint } from '../../../shared/rest.ts';
import { startTestServer, TEST_HOST_TOKEN, type TestServer } from '../../helpers/start-test-server.ts';

let server: TestServer;
let event: KansokuEvent;
beforeAll(async () => {
  server = await startTestServer();
  event = await server.createEvent({ phase: 'live' });
});
afterAll(() => server.close());

/** Values for every path parameter the contract names (the event is real; the others need not exist). */
const paramsFor = (id: string) => ({ id, sessionId: 'sess-0001', questionId: 'q-1', file: 'sessions.csv', token: 'x' });

/** Answered by a route (any status, JSON or a download), not by the fall-through `notFound()`. */
async function routed(endpoint: Endpoint, id: string): Promise<boolean> {
  const res = await fetch(server.url + urlOf(endpoint.path, paramsFor(id)), {
    method: endpoint.method,
    headers: { authorization: `Bearer ${TEST_HOST_TOKEN}`, 'content-type': 'application/json' },
    // An empty object: valid for some bodies, a 400 for others (nothing is sent on anywhere either way).
    body: endpoint.method === 'GET' ? undefined : '{}',
  });
  const text = await res.text();
  return !(res.status === 404 && text === '404 Not Found');
}

describe('REST contract on the real server', () => {
  const endpoints = Object.entries({ ...HOST_API, ...PUBLIC_API }) as Array<[string, Endpoint]>;
  it.each(endpoints)('serves %s', async (_name, endpoint) => {
    expect(await routed(endpoint, event.id)).toBe(true);
  });

  it('tells a path the server does not serve from one it does', async () => {
    const stray = { method: 'GET', path: '/api/events/:id/nowhere', answer: null } as const;
    expect(await routed(stray, event.id)).toBe(false);
  });

  it('gives the typed client the answers it is typed with', async () => {
    const event = await server.createEvent({ title: 'Typed', phase: 'live' }); // untouched by the routing checks
    const api = createHostApi((path, init) =>
      fetch(server.url + path, { ...init, headers: { ...init?.headers, authorization: `Bearer ${TEST_HOST_TOKEN}` } }),
    );
    const ref = { eventId: event.id, phase: 'live' } as const;
    expect(await api.session()).toEqual({ via: 'token', expiresAt: null });
    expect((await api.events()).map((e) => e.id)).toContain(event.id);
    const marker = await api.addMarker(event.id, { kind: 'qa', label: 'Q&A' });
    expect((await api.markers(ref)).map((m) => m.id)).toEqual([marker.id]);
    expect(await api.viewers(ref)).toEqual([]);
    expect(await api.alerts(ref)).toEqual({ active: [], log: [] });
    expect((await api.alertRules(event.id)).rules.length).toBeGreaterThan(0);
    const report = await api.report(event.id, 'live');
    expect(report.summary.sessions).toBe(0);
    const link = await api.share(ref, 7);
    expect(link.phase).toBe('live');
    const token = new URL(link.url).pathname.split('/').pop() ?? '';
    expect((await api.sharedReport(token)).summary.sessions).toBe(0);
    expect(await api.revokeShares(event.id)).toEqual({ revoked: 1 });
    expect((await api.pastEvents()).map((row) => row.eventId)).toContain(event.id);
    await expect(api.setPhase(event.id, 'ended')).resolves.toMatchObject({ id: event.id, phase: 'ended' });
  });
});
