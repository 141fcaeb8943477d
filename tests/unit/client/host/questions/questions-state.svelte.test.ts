/**
 * QuestionsState with a fake host socket: listing after (re)connect, pushes merged by id, order, search, hidden,
 * actions and undo.
 */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { Defer } from '../../../../../client/src/lib/beat.ts';
import { PAGE_SIZE, QuestionsState } from '../../../../../client/src/host/questions/questions-state.svelte.ts';
import type { ProblemSnapshot, Question } from '../../../../../shared/question.ts';
import { FakeQuestionsSocket, makeQuestion, microtasks, READY } from './fakes.ts';

const T = 1_800_000_000_000;
const ids = (qs: readonly Question[]) => qs.map((q) => q.id);

function setup(questions: Question[] = [], connected = true, defer?: Defer) {
  const socket = new FakeQuestionsSocket();
  socket.connected = connected;
  socket.view = { questions, registrations: 3, status: READY };
  const snapshots: string[] = [];
  const api = {
    snapshot: async (eventId: string, questionId: string) => {
      snapshots.push(`${eventId}/${questionId}`);
      return { questionId } as ProblemSnapshot;
    },
  };
  const state = new QuestionsState(socket, api, 'ev-1', { now: () => T, defer });
  return { socket, state, snapshots };
}

describe('QuestionsState: the list', () => {
  it('lists after the live session subscribed (a microtask later) and takes questions, registrations and status', async () => {
    const a = makeQuestion();
    const { socket, state } = setup([a]);
    state.start();
    socket.emit('host:subscribe', { eventId: 'ev-1' }, () => {}); // what LiveSession does in the same turn
    expect(socket.of('questions:list')).toEqual([]);
    await microtasks();
    expect(socket.emitted.map((e) => e.event)).toEqual(['host:subscribe', 'questions:list']);
    expect(socket.of('questions:list')).toEqual([{ eventId: 'ev-1' }]);
    flushSync();
    expect(state.loaded).toBe(true);
    expect(ids(state.questions)).toEqual([a.id]);
    expect(state.registrations).toBe(3);
    expect(state.status?.state).toBe('ready');
  });

  it('waits for the connection and lists again after every reconnect', async () => {
    const { socket, state } = setup([makeQuestion()], false);
    state.start();
    await microtasks();
    expect(socket.of('questions:list')).toHaveLength(0);
    socket.connect();
    await microtasks();
    socket.connect();
    await microtasks();
    expect(socket.of('questions:list')).toHaveLength(2);
    expect(state.questions).toHaveLength(1);
  });

  it('adds question:new, replaces question:updated by id (no duplicates), and ignores other events', async () => {
    const a = makeQuestion({ content: 'first' });
    const { socket, state } = setup([a]);
    state.start();
    await microtasks();
    const before = state.questions;
    const b = makeQuestion({ source: 'web' });
    socket.serverEmit('question:new', b);
    socket.serverEmit('question:new', b); // repeated after a reconnect
    socket.serverEmit('question:updated', { ...a, content: 'first, edited', editedAt: T, votes: 4 });
    socket.serverEmit('question:new', makeQuestion({ eventId: 'ev-other' }));
    flushSync();
    expect(ids(state.questions)).toEqual([a.id, b.id]);
    expect(state.questions[0]).toMatchObject({ content: 'first, edited', votes: 4 });
    expect(before).toHaveLength(1); // replaced, not mutated
  });

  it('given a beat, adds a new question with it (in the tick frame); an update applies at once', async () => {
    const a = makeQuestion({ votes: 0 });
    const waiting: Array<() => void> = [];
    const { socket, state } = setup([a], true, (run) => waiting.push(run));
    state.start();
    await microtasks();
    const b = makeQuestion({ source: 'web' });
    socket.serverEmit('question:new', b);
    socket.serverEmit('question:updated', { ...a, votes: 2 });
    flushSync();
    expect(ids(state.questions)).toEqual([a.id]);
    expect(state.questions[0]?.votes).toBe(2);
    for (const run of waiting.splice(0)) run();
    flushSync();
    expect(ids(state.questions)).toEqual([a.id, b.id]);
  });

  it('keeps pushes that arrive while the list is on its way (they are newer)', async () => {
    const a = makeQuestion({ votes: 0 });
    const { socket, state } = setup([a]);
    socket.hold = true;
    state.start();
    await microtasks();
    const c = makeQuestion();
    socket.serverEmit('question:updated', { ...a, votes: 2 });
    socket.serverEmit('question:new', c);
    socket.release();
    flushSync();
    expect(ids(state.questions)).toEqual([a.id, c.id]);
    expect(state.questions[0]?.votes).toBe(2);
  });

  it('shows the error when listing is refused, and follows registrations and Discord status pushes', async () => {
    const { socket, state } = setup();
    socket.hold = true;
    state.start();
    await microtasks();
    socket.serverEmit('questions:registrations', { eventId: 'ev-1', count: 7 });
    socket.serverEmit('questions:registrations', { eventId: 'ev-other', count: 99 });
    socket.serverEmit('discord:status', {
      eventId: 'ev-1',
      status: { state: 'error', detail: 'Gateway closed with 4014: disallowed intents', since: T },
    });
    expect(state.registrations).toBe(7);
    expect(state.status).toMatchObject({ state: 'error', detail: expect.stringContaining('4014') });
    socket.listResult = () => ({ ok: false, error: 'not-found', message: 'no event with id "ev-1"' });
    socket.release();
    expect(state.error).toBe('no event with id "ev-1"');
    expect(state.loaded).toBe(false);
    expect(state.registrations).toBe(7); // kept from the push
  });

  it('stops listening on dispose', async () => {
    const { socket, state } = setup();
    state.start();
    await microtasks();
    expect(socket.listenerCount()).toBe(5);
    state.dispose();
    expect(socket.listenerCount()).toBe(0);
  });
});

describe('QuestionsState: order, search and hidden', () => {
  function many() {
    const old = makeQuestion({
      createdAt: T + 1_000,
      votes: 5,
      author: { name: 'Aki', avatarUrl: null },
      content: 'Which CODEC is used?',
    });
    const mid = makeQuestion({ createdAt: T + 2_000, votes: 9, answered: true, content: 'Slides please' });
    const pinned = makeQuestion({ createdAt: T + 3_000, votes: 1, pinned: true, content: 'Pinned one' });
    const hidden = makeQuestion({ createdAt: T + 4_000, hidden: true, content: 'spam about codec' });
    const gone = makeQuestion({
      createdAt: T + 5_000,
      deleted: true,
      content: '',
      author: { name: '', avatarUrl: null },
    });
    const fresh = makeQuestion({ createdAt: T + 6_000, votes: 2, content: 'ＡＶ１ on Safari?' });
    return { old, mid, pinned, hidden, gone, fresh, all: [old, mid, pinned, hidden, gone, fresh] };
  }

  it('sorts newest, by votes, or unanswered first (oldest waiting on top), pinned always first, hidden apart', async () => {
    const q = many();
    const { state } = setup(q.all);
    state.start();
    await microtasks();
    flushSync();
    expect(ids(state.lists.shown)).toEqual(ids([q.pinned, q.fresh, q.gone, q.mid, q.old]));
    expect(ids(state.lists.hidden)).toEqual([q.hidden.id]);
    state.sort = 'votes';
    expect(ids(state.lists.shown)).toEqual(ids([q.pinned, q.mid, q.old, q.fresh, q.gone]));
    state.sort = 'unanswered';
    expect(ids(state.lists.shown)).toEqual(ids([q.pinned, q.old, q.fresh, q.mid, q.gone]));
    expect(state.openCount).toBe(3);
  });

  it('searches names and content, case- and width-insensitively, every word; withdrawn ones never match', async () => {
    const q = many();
    const { state } = setup(q.all);
    state.start();
    await microtasks();
    state.query = 'codec';
    expect(ids(state.lists.shown)).toEqual([q.old.id]);
    expect(ids(state.lists.hidden)).toEqual([q.hidden.id]);
    state.query = 'av1 SAFARI';
    expect(ids(state.lists.shown)).toEqual([q.fresh.id]);
    state.query = 'aki which';
    expect(ids(state.lists.shown)).toEqual([q.old.id]);
    state.query = '  ';
    expect(state.lists.shown).toHaveLength(5);
  });

  it('renders the first page shown, a page more on demand, and the first page alone again', async () => {
    const all = Array.from({ length: 2 * PAGE_SIZE + 10 }, (_, i) => makeQuestion({ createdAt: T + i }));
    const { state } = setup(all);
    state.start();
    await microtasks();
    expect(state.rendered).toHaveLength(PAGE_SIZE);
    expect(state.rendered[0]?.id).toBe(all.at(-1)?.id);
    state.showMore();
    expect(state.rendered).toHaveLength(2 * PAGE_SIZE);
    state.showMore();
    expect(state.rendered).toHaveLength(2 * PAGE_SIZE + 10);
    state.firstPageOnly();
    expect(state.rendered).toHaveLength(PAGE_SIZE);
    state.firstPageOnly();
    expect(state.rendered).toHaveLength(PAGE_SIZE);
  });

  it("keeps a thousand questions sorted by votes and searched (its speed is the dashboard bench's to measure)", async () => {
    const all = Array.from({ length: 1_000 }, (_, i) =>
      makeQuestion({ createdAt: T + i, votes: i % 13, hidden: i % 50 === 0 }),
    );
    const { socket, state } = setup(all);
    state.start();
    await microtasks();
    for (let i = 0; i < 50; i += 1)
      socket.serverEmit('question:updated', { ...(all[i * 7] as Question), votes: 100 + i });
    state.sort = 'votes';
    state.query = 'question';
    expect(state.lists.shown.length + state.lists.hidden.length).toBe(1_000);
    expect(state.lists.shown.slice(0, 3).map((q) => q.votes)).toEqual([149, 148, 147]);
  });
});

describe('QuestionsState: host actions', () => {
  it('sends question:act, takes the answer at once, remembers it for undo, and undoes with the inverse', async () => {
    const a = makeQuestion();
    const { socket, state } = setup([a]);
    state.start();
    await microtasks();
    state.act(a.id, 'hide');
    flushSync();
    expect(socket.of('question:act')).toEqual([{ eventId: 'ev-1', questionId: a.id, action: 'hide' }]);
    expect(state.questions[0]?.hidden).toBe(true);
    expect(state.lists.hidden).toHaveLength(1);
    expect(state.lastAction).toEqual({ questionId: a.id, action: 'hide', at: T });
    state.undo();
    expect(socket.of('question:act').at(-1)).toEqual({ eventId: 'ev-1', questionId: a.id, action: 'unhide' });
    expect(state.questions[0]?.hidden).toBe(false);
    expect(state.lastAction).toBeNull();
  });

  it('disables a question while its action is on its way and shows a refusal', async () => {
    const a = makeQuestion();
    const { socket, state } = setup([a]);
    state.start();
    await microtasks();
    socket.hold = true;
    state.act(a.id, 'answer');
    state.act(a.id, 'pin'); // ignored: one at a time per question
    expect(state.pending.has(a.id)).toBe(true);
    socket.release();
    expect(state.pending.has(a.id)).toBe(false);
    expect(socket.of('question:act')).toHaveLength(1);
    socket.hold = false;
    state.act('discord-404', 'answer');
    expect(state.actionError).toBe('no question with id "discord-404"');
    socket.connected = false;
    state.act(a.id, 'unanswer');
    expect(state.actionError).toBe('not connected to the server');
  });

  it('loads a report snapshot over REST', async () => {
    const { state, snapshots } = setup();
    expect(await state.snapshot('report-abc')).toEqual({ questionId: 'report-abc' });
    expect(snapshots).toEqual(['ev-1/report-abc']);
  });
});
