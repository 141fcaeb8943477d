/**
 * @module Recovery against the fake Discord: RESUME replays without duplicates, re-IDENTIFY plus backfill, 429s during
 * backfill.
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
const backfillRequests = (r: Rig) => r.fake.requests.filter((request) => request.path.endsWith('/messages'));

/** Starts the source and waits for the first session's own backfill, so scripted 429s hit the later one. */
async function startAndSettle(r: Rig): Promise<void> {
  await r.source.start();
  await waitUntil(() => backfillRequests(r).some((request) => request.status === 200), { what: 'the first backfill' });
}

describe('discord-source recovery', () => {
  test('a dropped connection resumes; replayed events (even re-sent old ones) are not duplicated', async () => {
    // The fake re-sends every frame on RESUME, as an at-least-once gateway might.
    const r = (rig = await startRig({ fake: { resumeReplayOverlap: 1_000 } }));
    await r.source.start();
    const first = r.fake.postMessage({ content: 'Before the drop' });
    r.fake.react(FAKE_USERS.bob.id, first.id, '👍');
    await waitUntil(() => questionOf(r, first.id)?.votes === 1, { what: 'the first vote' });
    r.book.act(discordQuestionId(first.id), 'answer');

    r.fake.dropConnection(4000);
    const during = r.fake.postMessage({ content: 'While dropped' });
    r.fake.react(FAKE_USERS.carol.id, first.id, '👍');
    r.fake.editMessage(first.id, 'Before the drop (edited)');

    await waitUntil(() => r.fake.gatewayStats.resumes === 1 && questionOf(r, during.id), { what: 'the replay' });
    await waitUntil(() => questionOf(r, first.id)?.votes === 2, { what: 'the replayed vote' });
    expect(r.fake.gatewayStats.identifies).toBe(1);
    expect(r.statuses.map((s) => s.state)).toEqual(['connecting', 'ready', 'resuming', 'ready']);
    expect(questionOf(r, first.id)).toMatchObject({ content: 'Before the drop (edited)', votes: 2, answered: true });
    const created = r.changes.filter((change) => change.kind === 'new');
    expect(created).toHaveLength(2);
    expect(r.book.list()).toHaveLength(2);
  });

  test('after an invalid session it re-identifies and backfills what was posted during the outage', async () => {
    const r = (rig = await startRig());
    await r.source.start();
    const before = r.fake.postMessage({ content: 'Seen live' });
    await waitUntil(() => questionOf(r, before.id));

    r.fake.invalidateSession();
    const thread = r.fake.createThread('outage-thread');
    const missed = Array.from({ length: 3 }, (_, i) => r.fake.postMessage({ content: `Missed ${i}` }));
    missed.push(r.fake.postMessage({ content: 'Missed in the thread', channelId: thread.id }));

    await waitUntil(() => r.fake.gatewayStats.identifies === 2, { what: 'the re-IDENTIFY' });
    await waitUntil(() => missed.every((message) => questionOf(r, message.id)), { what: 'the backfilled messages' });
    expect(r.book.list().map((q) => q.content)).toEqual([
      'Seen live',
      'Missed 0',
      'Missed 1',
      'Missed 2',
      'Missed in the thread',
    ]);
    expect(r.fake.gatewayStats.resumes).toBe(0);
    // The second backfill starts after the last message seen live, and covers the channel's threads too.
    const threadPath = `/api/v10/channels/${thread.id}/messages`;
    await waitUntil(() => backfillRequests(r).some((request) => request.path === threadPath), {
      what: 'the thread backfill',
    });
    const cursorRequests = backfillRequests(r).filter((request) => request.query.after === before.id);
    expect(cursorRequests.map((request) => request.path)).toEqual([
      `/api/v10/channels/${r.fake.options.channelId}/messages`,
      threadPath,
    ]);
  });

  test('backfill pages forward through more than 100 missed messages', async () => {
    const r = (rig = await startRig());
    await startAndSettle(r);
    r.fake.invalidateSession();
    const missed = Array.from({ length: 130 }, (_, i) => r.fake.postMessage({ content: `Missed ${i}` }));
    await waitUntil(() => r.book.list().length === 130, { what: '130 backfilled questions' });
    expect(r.book.list().map((q) => q.messageId)).toEqual(missed.map((message) => message.id));
    const pages = backfillRequests(r).filter((request) => request.query.limit === '100');
    expect(pages.some((request) => request.query.after === missed[99]?.id)).toBe(true);
  });

  test('a short 429 during backfill is waited out and retried by the REST client', async () => {
    const r = (rig = await startRig());
    await startAndSettle(r);
    r.fake.invalidateSession();
    const missed = r.fake.postMessage({ content: 'Posted during the outage' });
    r.fake.rateLimitNext({ path: /\/messages$/, retryAfterSeconds: 0.2 });
    await waitUntil(() => questionOf(r, missed.id), { what: 'the backfilled message' });
    const statuses = backfillRequests(r).map((request) => request.status);
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(200);
  });

  test('a long 429 during backfill fails fast and is reported, not waited on forever', async () => {
    const r = (rig = await startRig({ source: { maxRateLimitWaitMs: 1_000 } }));
    await startAndSettle(r);
    r.fake.invalidateSession();
    r.fake.postMessage({ content: 'Posted during the outage' });
    r.fake.rateLimitNext({ path: /\/messages$/, retryAfterSeconds: 3_600, count: 100 });
    const status = await waitUntil(() => r.statuses.find((s) => s.detail?.startsWith('Backfill failed')), {
      what: 'the backfill failure status',
    });
    expect(status).toMatchObject({ state: 'ready', detail: 'Backfill failed; retrying in 3600 s' });
  });
});
