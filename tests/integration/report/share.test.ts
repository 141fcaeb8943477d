/**
 * Share links through the real server on SQLite and PostgreSQL: no host login needed, no identities, revocable,
 * expiring.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQuestionStore } from '../../../server/questions/question-store.ts';
import { createShareLinks } from '../../../server/report/share-links.ts';
import type { EventReport, ShareLink } from '../../../shared/event-report.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';
import { DIALECTS } from '../../helpers/test-storage.ts';
import { json, T0, writeSmallRecord } from './report-rig.ts';

const DAY_MS = 86_400_000;

describe.each(DIALECTS)('share links on %s', (dialect) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(dialect);
  });
  afterEach(async () => {
    await server.close();
  });

  const share = async (eventId: string, query = ''): Promise<ShareLink> => {
    const res = await server.api(`/api/events/${eventId}/share${query}`, { method: 'POST' });
    expect(res.status).toBe(201);
    return (await res.json()) as ShareLink;
  };

  it('opens the report read-only without a login, with pseudonymous sessions and no author names', async () => {
    const event = await server.createEvent({ phase: 'ended' });
    await writeSmallRecord(server, event.id);
    await createQuestionStore(server.storage.db).upsert([
      {
        question: {
          id: 'discord-42',
          eventId: event.id,
          source: 'discord',
          messageId: '42',
          author: { name: 'Aiko Tanaka', avatarUrl: null },
          content: 'When is the next one?',
          createdAt: T0,
          editedAt: null,
          deleted: false,
          votes: 3,
          answered: false,
          pinned: false,
          hidden: false,
        },
      },
    ]);
    const before = Date.now();
    const link = await share(event.id, '?days=7');
    expect(link.phase).toBe('live');
    expect(Date.parse(link.expiresAt) - before).toBeGreaterThanOrEqual(7 * DAY_MS - 1_000);
    expect(link.url).toMatch(new RegExp(`^${server.url}/share/`));
    const res = await fetch(link.apiUrl);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const report = await json<EventReport>(res);
    expect(report).toMatchObject({ eventId: event.id, shared: true, summary: { sessions: 3 } });
    expect(report.questions).toEqual([
      expect.objectContaining({ id: 'q1', author: null, content: 'When is the next one?', votes: 3 }),
    ]);
    expect(JSON.stringify(report)).not.toMatch(/Aiko|chrome-1|safari-1|failed-1|discord-42/);
  });

  it('answers 404 saying why for a revoked, an expired and a forged link', async () => {
    const event = await server.createEvent({ phase: 'ended' });
    const one = await share(event.id);
    const two = await share(event.id);
    expect((await fetch(one.apiUrl)).status).toBe(200);
    expect(
      await json<{ revoked: number }>(await server.api(`/api/events/${event.id}/share`, { method: 'DELETE' })),
    ).toEqual({ revoked: 2 });
    for (const link of [one, two]) {
      const res = await fetch(link.apiUrl);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        error: 'not-found',
        message: 'this share link was revoked by the host',
        field: 'token',
      });
    }
    const token = await createShareLinks(server.storage.db).create(
      event.id,
      'live',
      Date.now() - 2 * DAY_MS,
      Date.now() - DAY_MS,
    );
    expect(await (await fetch(`${server.url}/api/share/${token}/report`)).json()).toMatchObject({
      message: 'this share link has expired',
    });
    const fresh = await share(event.id);
    const [id, expires] = fresh.apiUrl.split('/api/share/')[1]?.split('/')[0]?.split('.') ?? [];
    const stretched = `${id}.${Number(expires) + 86_400}.${'A'.repeat(43)}`;
    expect(await (await fetch(`${server.url}/api/share/${stretched}/report`)).json()).toMatchObject({
      message: 'no such share link',
    });
    expect((await fetch(`${server.url}/api/share/not-a-token/report`)).status).toBe(404);
  });

  it('refuses a lifetime outside 1–365 days and sharing without a login', async () => {
    const event = await server.createEvent();
    const res = await server.api(`/api/events/${event.id}/share?days=0`, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid-payload', field: 'days' });
    expect((await fetch(`${server.url}/api/events/${event.id}/share`, { method: 'POST' })).status).toBe(401);
  });
});
