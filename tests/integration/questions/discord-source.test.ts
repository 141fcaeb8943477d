/**
 * @module The real discord-source against the fake Discord: live messages, edits, deletes, reactions, threads, ✅
 * answers.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { discordQuestionId } from '../../../server/questions/question-event.ts';
import { FAKE_USERS } from '../../harness/fake-discord/fake-discord.ts';
import { waitUntil } from '../../harness/fake-discord/wait-until.ts';
import { startRig, type Rig } from './questions-rig.ts';

let rig: Rig | null = null;

afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const questionOf = (r: Rig, messageId: string) => r.book.get(discordQuestionId(messageId));

describe('discord-source with the fake Discord', () => {
  test('connects with the right intents and reports ready', async () => {
    rig = await startRig();
    await rig.source.start();
    expect(rig.source.status().state).toBe('ready');
    expect(rig.statuses.map((s) => s.state)).toEqual(['connecting', 'ready']);
    expect(rig.fake.gatewayStats.identifies).toBe(1);
    // GUILDS | GUILD_MESSAGES | GUILD_MESSAGE_REACTIONS | MESSAGE_CONTENT
    expect(rig.fake.lastIntents()).toBe(1 + 512 + 1024 + 32768);
    expect(rig.fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/v10/gateway/bot', status: 200 });
  });

  test('heartbeats are acknowledged, so the connection is never treated as a zombie', async () => {
    const r = (rig = await startRig({ fake: { heartbeatIntervalMs: 100 } }));
    await r.source.start();
    await waitUntil(() => r.fake.gatewayStats.heartbeats >= 4, { what: 'four heartbeats' });
    expect(r.fake.gatewayStats).toMatchObject({ connections: 1, resumes: 0 });
    expect(r.source.status().state).toBe('ready');
  });

  test('a posted message becomes a question; edits, reactions and deletes update it', async () => {
    const r = (rig = await startRig());
    await r.source.start();
    const posted = r.fake.postMessage({ content: 'Which codec is this? <:blob:123456>', author: FAKE_USERS.alice });
    const question = await waitUntil(() => questionOf(r, posted.id), { what: 'the question' });
    expect(question).toMatchObject({
      id: `discord-${posted.id}`,
      eventId: 'evt-1',
      source: 'discord',
      messageId: posted.id,
      author: { name: 'Ali', avatarUrl: `https://cdn.discordapp.com/avatars/${FAKE_USERS.alice.id}/a1b2c3.png` },
      content: 'Which codec is this? :blob:',
      deleted: false,
      votes: 0,
    });

    r.fake.editMessage(posted.id, 'Which video codec is this?');
    await waitUntil(() => questionOf(r, posted.id)?.content === 'Which video codec is this?', { what: 'the edit' });

    r.fake.react(FAKE_USERS.bob.id, posted.id, '👍');
    r.fake.react(FAKE_USERS.bob.id, posted.id, '🔥');
    r.fake.react(FAKE_USERS.carol.id, posted.id, '👍');
    r.fake.react(FAKE_USERS.helper.id, posted.id, '👍');
    await waitUntil(() => questionOf(r, posted.id)?.votes === 2, { what: 'two votes' });
    r.fake.unreact(FAKE_USERS.bob.id, posted.id, '👍');
    r.fake.unreact(FAKE_USERS.carol.id, posted.id, '👍');
    await waitUntil(() => questionOf(r, posted.id)?.votes === 1, { what: 'one vote left (bob still has 🔥)' });

    r.fake.deleteMessage(posted.id);
    const tombstone = await waitUntil(() => questionOf(r, posted.id)?.deleted && questionOf(r, posted.id));
    expect(tombstone).toMatchObject({ deleted: true, content: '' });
    expect(r.changes.filter((c) => c.kind === 'new')).toHaveLength(1);
  });

  test('messages in threads of the channel count; other channels and bots do not', async () => {
    const r = (rig = await startRig());
    await r.source.start();
    const thread = r.fake.createThread('follow-ups');
    const inThread = r.fake.postMessage({ content: 'From the thread', channelId: thread.id });
    r.fake.postMessage({ content: 'I am a bot', author: FAKE_USERS.helper });
    const last = r.fake.postMessage({ content: 'Last one' });
    await waitUntil(() => questionOf(r, last.id), { what: 'the last message' });
    expect(questionOf(r, inThread.id)?.content).toBe('From the thread');
    expect(r.book.list().map((q) => q.content)).toEqual(['From the thread', 'Last one']);
  });

  test('registration messages are counted, not listed', async () => {
    const r = (rig = await startRig({ registrationPattern: '^(参加|join)' }));
    await r.source.start();
    r.fake.postMessage({ content: '参加します', author: FAKE_USERS.alice });
    r.fake.postMessage({ content: 'JOIN', author: FAKE_USERS.bob });
    const question = r.fake.postMessage({ content: 'Is there an archive?', author: FAKE_USERS.carol });
    await waitUntil(() => questionOf(r, question.id));
    expect(r.book.registrations()).toBe(2);
    expect(r.book.list()).toHaveLength(1);
  });

  test('markAnswered puts ✅ on the message; the bot’s own reaction is not a vote', async () => {
    const r = (rig = await startRig({ source: { answerReaction: true } }));
    await r.source.start();
    const posted = r.fake.postMessage({ content: 'Will slides be shared?' });
    await waitUntil(() => questionOf(r, posted.id));
    await expect(r.source.markAnswered(posted.id)).resolves.toBe(true);
    const put = r.fake.requests.find((request) => request.method === 'PUT');
    expect(put).toMatchObject({
      path: `/api/v10/channels/${r.fake.options.channelId}/messages/${posted.id}/reactions/%E2%9C%85/@me`,
      status: 204,
    });
    r.fake.react(FAKE_USERS.bob.id, posted.id, '👍');
    await waitUntil(() => questionOf(r, posted.id)?.votes === 1);
    expect(questionOf(r, posted.id)?.votes).toBe(1);
  });

  test('markAnswered does nothing when answerReaction is off', async () => {
    rig = await startRig();
    await rig.source.start();
    const posted = rig.fake.postMessage({ content: 'Q' });
    await expect(rig.source.markAnswered(posted.id)).resolves.toBe(false);
    expect(rig.fake.requests.some((request) => request.method === 'PUT')).toBe(false);
  });

  test('never logs the token, even at trace level', async () => {
    const r = (rig = await startRig());
    await r.source.start();
    r.fake.postMessage({ content: 'hello' });
    r.fake.dropConnection(4000);
    await waitUntil(() => r.fake.gatewayStats.resumes === 1 && r.source.status().state === 'ready');
    expect(r.logs.length).toBeGreaterThan(0);
    expect(r.logs.join('\n')).not.toContain(r.fake.options.token);
  });
});
