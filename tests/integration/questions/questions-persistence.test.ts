/**
 * @module Questions survive an app restart (SQLite and PostgreSQL), messages from the downtime are backfilled, old
 * events are purged.
 */
import { describe, expect, test } from 'vitest';
import { FAKE_USERS } from '../../harness/fake-discord/fake-discord.ts';
import { waitFor } from '../../helpers/clients.ts';
import { DIALECTS } from '../../helpers/test-storage.ts';
import { appRigPerTest } from './app-rig.ts';

const { pool, start, viewer } = appRigPerTest();

describe.each(DIALECTS)('persistence on %s', (dialect) => {
  test('questions, votes, host state, tombstones and registrations survive a restart; the gap is backfilled', async () => {
    const r = await start({ dialect, discord: { registrationPattern: '^join' } });
    let d = await r.dashboard();
    await r.ready(d);
    const kept = r.fake.postMessage({ content: 'Kept question', author: FAKE_USERS.alice });
    const gone = r.fake.postMessage({ content: 'Deleted question', author: FAKE_USERS.bob });
    r.fake.postMessage({ content: 'join', author: FAKE_USERS.carol });
    r.fake.react(FAKE_USERS.bob.id, kept.id, '👍');
    r.fake.react(FAKE_USERS.carol.id, kept.id, '👍');
    r.fake.deleteMessage(gone.id);
    await waitFor(() =>
      d.latest(`discord-${kept.id}`)?.votes === 2 && d.latest(`discord-${gone.id}`)?.deleted ? true : undefined,
    );
    await d.socket.emitWithAck('question:act', {
      eventId: r.event.id,
      questionId: `discord-${kept.id}`,
      action: 'pin',
    });
    await (
      await viewer(r, 'session-persist-1')
    ).emitWithAck('viewer:question', { t: Date.now(), name: 'Aki', content: 'From the web' });
    const before = await d.list();

    await r.server.stopApp();
    const missed = r.fake.postMessage({ content: 'Posted while Kansoku was down', author: FAKE_USERS.carol });
    await r.restart();
    d = await r.dashboard();
    await r.ready(d);
    const after = await waitFor(
      async () => {
        const view = await d.list();
        return view.questions.length === before.questions.length + 1 ? view : undefined;
      },
      10_000,
      'the backfilled message',
    );
    expect(after.questions.slice(0, before.questions.length)).toEqual(before.questions);
    expect(after.questions.at(-1)).toMatchObject({
      id: `discord-${missed.id}`,
      content: 'Posted while Kansoku was down',
    });
    expect(after.registrations).toBe(1);
    expect(before.questions.find((q) => q.id === `discord-${kept.id}`)).toMatchObject({ votes: 2, pinned: true });
    expect(before.questions.find((q) => q.id === `discord-${gone.id}`)).toMatchObject({
      deleted: true,
      content: '',
      author: { name: '' },
    });
    expect(before.questions.find((q) => q.source === 'web')).toMatchObject({
      content: 'From the web',
      author: { name: 'Aki' },
    });

    // A replayed registration or a backfill of the deleted id must not double count or revive anything.
    r.fake.postMessage({ content: 'join', author: FAKE_USERS.carol });
    const last = r.fake.postMessage({ content: 'Last' });
    await waitFor(() => d.latest(`discord-${last.id}`));
    expect((await d.list()).registrations).toBe(1);
  });
});

describe('retention', () => {
  test('questions of an event past KANSOKU_QUESTION_RETENTION_DAYS are deleted at boot; others are kept', async () => {
    const r = await start({ token: false, env: { KANSOKU_QUESTION_RETENTION_DAYS: '30' } });
    const old = await r.server.createEvent({
      title: 'Old',
      scheduledStart: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    });
    for (const eventId of [old.id, r.event.id]) {
      const socket = await pool.viewer(r.server.url, { eventId, sessionId: `session-${eventId}` });
      expect(await socket.emitWithAck('viewer:question', { t: Date.now(), content: 'Hello?' })).toEqual({
        ok: true,
        data: null,
      });
    }
    // A live show keeps its questions whatever its schedule said.
    await r.server.restart();
    const count = async (eventId: string) =>
      ((await (await r.server.api(`/api/events/${eventId}/questions`)).json()) as { questions: unknown[] }).questions
        .length;
    expect(await count(old.id)).toBe(1);

    await r.server.api(`/api/events/${old.id}`, { method: 'PATCH', body: JSON.stringify({ phase: 'ended' }) });
    await r.server.restart();
    await waitFor(async () => ((await count(old.id)) === 0 ? true : undefined), 5_000, 'the purge');
    expect(await count(r.event.id)).toBe(1);
  });
});
