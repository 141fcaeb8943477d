/**
 * @module Discord questions through the real app: fake Discord → source → book → storage → host dashboards, and host
 * actions back.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Question } from '../../../shared/question.ts';
import { FAKE_USERS } from '../../harness/fake-discord/fake-discord.ts';
import { waitFor } from '../../helpers/clients.ts';
import { startAppRig, type AppRig } from './app-rig.ts';

let rig: AppRig | null = null;

afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const id = (messageId: string) => `discord-${messageId}`;

describe('Discord questions in the app', () => {
  test('a posted message reaches every dashboard of the event as question:new within 1 s', async () => {
    const r = (rig = await startAppRig());
    const [a, b] = [await r.dashboard(), await r.dashboard()];
    await r.ready(a);
    const started = Date.now();
    const posted = r.fake.postMessage({ content: 'Which codec is this?', author: FAKE_USERS.alice });
    const question = await waitFor(() => a.latest(id(posted.id)), 1_000, 'question:new');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(question).toMatchObject({
      id: id(posted.id),
      eventId: r.event.id,
      source: 'discord',
      messageId: posted.id,
      content: 'Which codec is this?',
      author: { name: 'Ali', avatarUrl: `https://cdn.discordapp.com/avatars/${FAKE_USERS.alice.id}/a1b2c3.png` },
      deleted: false,
      votes: 0,
      answered: false,
      pinned: false,
      hidden: false,
    });
    await waitFor(() => b.latest(id(posted.id)), 1_000, 'second dashboard');
    expect((await a.list()).questions).toEqual([question]);
  });

  test('edits, reactions and deletes arrive as question:updated; a delete leaves a tombstone without author', async () => {
    const r = (rig = await startAppRig());
    const d = await r.dashboard();
    await r.ready(d);
    const posted = r.fake.postMessage({ content: 'Slides?', author: FAKE_USERS.alice });
    await waitFor(() => d.latest(id(posted.id)));

    const editedAt = Date.now();
    r.fake.editMessage(posted.id, 'Will the slides be shared?', editedAt);
    const edited = await waitFor(() => (d.latest(id(posted.id))?.editedAt ? d.latest(id(posted.id)) : undefined));
    expect(edited).toMatchObject({ content: 'Will the slides be shared?', editedAt });

    r.fake.react(FAKE_USERS.bob.id, posted.id, '👍');
    r.fake.react(FAKE_USERS.carol.id, posted.id, '🔥');
    r.fake.react(FAKE_USERS.helper.id, posted.id, '👍'); // a bot: not a vote
    await waitFor(() => (d.latest(id(posted.id))?.votes === 2 ? true : undefined), 5_000, 'two votes');

    r.fake.deleteMessage(posted.id);
    const tombstone = await waitFor(() => (d.latest(id(posted.id))?.deleted ? d.latest(id(posted.id)) : undefined));
    expect(tombstone).toMatchObject({
      deleted: true,
      content: '',
      author: { name: '', avatarUrl: null },
      messageId: posted.id,
    });
  });

  test('question:act answers, pins and hides for every dashboard; ✅ is added in Discord when enabled', async () => {
    const r = (rig = await startAppRig({ answerReaction: true }));
    const [a, b] = [await r.dashboard(), await r.dashboard()];
    await r.ready(a);
    const posted = r.fake.postMessage({ content: 'Is there an archive?' });
    const questionId = id(posted.id);
    await waitFor(() => a.latest(questionId));

    const answered = await a.socket.emitWithAck('question:act', { eventId: r.event.id, questionId, action: 'answer' });
    expect(answered).toMatchObject({ ok: true, data: { id: questionId, answered: true } });
    await waitFor(() => (b.latest(questionId)?.answered ? true : undefined), 2_000, 'answered on the other dashboard');
    const put = await waitFor(() => r.fake.requests.find((req) => req.method === 'PUT'), 5_000, 'the ✅ reaction');
    expect(put).toMatchObject({
      path: `/api/v10/channels/${r.fake.options.channelId}/messages/${posted.id}/reactions/%E2%9C%85/@me`,
      status: 204,
    });

    const pinned = await a.socket.emitWithAck('question:act', { eventId: r.event.id, questionId, action: 'pin' });
    expect(pinned).toMatchObject({ ok: true, data: { answered: true, pinned: true } });
    await a.socket.emitWithAck('question:act', { eventId: r.event.id, questionId, action: 'hide' });
    await waitFor(() => (b.latest(questionId)?.hidden ? true : undefined));
    // The bot's own ✅ is not a vote.
    expect((await a.list()).questions[0]).toMatchObject({ votes: 0, answered: true, pinned: true, hidden: true });
  });

  // No ✅ when KANSOKU_DISCORD_ANSWER_REACTION is off: discord-source.test.ts (markAnswered makes no request) and
  // question-config.test.ts (off by default).
  test('question:act refuses unknown questions, unknown events and bad actions', async () => {
    const r = (rig = await startAppRig());
    const d = await r.dashboard();
    await r.ready(d);
    const posted = r.fake.postMessage({ content: 'Q' });
    await waitFor(() => d.latest(id(posted.id)));
    const act = (payload: unknown) => d.socket.emitWithAck('question:act', payload as never);
    expect(await act({ eventId: r.event.id, questionId: 'discord-1', action: 'answer' })).toMatchObject({
      ok: false,
      error: 'not-found',
    });
    expect(await act({ eventId: 'nope', questionId: id(posted.id), action: 'answer' })).toMatchObject({
      ok: false,
      error: 'not-found',
    });
    expect(await act({ eventId: r.event.id, questionId: id(posted.id), action: 'delete' })).toMatchObject({
      ok: false,
      error: 'invalid-payload',
      field: 'action',
    });
    expect(await act({ eventId: r.event.id, questionId: id(posted.id), action: 'answer' })).toMatchObject({ ok: true });
  });

  test('registration messages are counted (pushed and listed), not shown as questions', async () => {
    const r = (rig = await startAppRig({ discord: { registrationPattern: '^(参加|join)' } }));
    const d = await r.dashboard();
    await r.ready(d);
    r.fake.postMessage({ content: '参加します', author: FAKE_USERS.alice });
    r.fake.postMessage({ content: 'join!', author: FAKE_USERS.bob });
    r.fake.postMessage({ content: 'join again', author: FAKE_USERS.bob });
    const question = r.fake.postMessage({ content: 'Is there an archive?', author: FAKE_USERS.carol });
    await waitFor(() => d.latest(id(question.id)));
    await waitFor(() => (d.registrations.at(-1)?.count === 2 ? true : undefined), 2_000, 'two registrations');
    expect(d.registrations.at(-1)).toEqual({ eventId: r.event.id, count: 2 });
    expect(d.news.map((q: Question) => q.content)).toEqual(['Is there an archive?']);
    const rest = await (await r.server.api(`/api/events/${r.event.id}/questions`)).json();
    expect(rest).toMatchObject({ registrations: 2, status: { state: 'ready' } });
    expect(rest.questions).toHaveLength(1);
  });
});
