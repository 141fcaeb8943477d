/** @module QuestionBook: dedupe by message id, edit ordering, tombstones and votes. */
import { describe, expect, test } from 'vitest';
import { makeQuestion } from '../../../helpers/question-factory.ts';
import { bookWith, created, edited, q, react, snapshot, T0, unreact } from './book-fixtures.ts';

describe('messages', () => {
  test('a created message becomes a new question', () => {
    const book = bookWith();
    const change = book.apply(created('1'));
    const expected = makeQuestion({
      id: 'discord-1',
      eventId: 'evt-1',
      source: 'discord',
      messageId: '1',
      author: { name: 'Alice', avatarUrl: null },
      content: 'Question 1',
      createdAt: T0 + 1,
    });
    expect(change).toEqual({ kind: 'new', question: expected });
  });

  test('a replayed create is ignored and keeps votes and host state', () => {
    const book = bookWith(created('1'), react('1', 'u1'));
    book.act('discord-1', 'answer');
    expect(book.apply(created('1'))).toEqual({ kind: 'none' });
    expect(q(book, '1')).toMatchObject({ votes: 1, answered: true });
    expect(book.list()).toHaveLength(1);
  });

  test('edits apply in edited-timestamp order; older or equal ones are ignored', () => {
    const book = bookWith(created('1'));
    expect(book.apply(edited('1', 'second', T0 + 200))).toMatchObject({
      kind: 'updated',
      question: { content: 'second' },
    });
    expect(book.apply(edited('1', 'first', T0 + 100))).toEqual({ kind: 'none' });
    expect(book.apply(edited('1', 'same time', T0 + 200))).toEqual({ kind: 'none' });
    expect(q(book, '1')).toMatchObject({ content: 'second', editedAt: T0 + 200 });
  });

  test('an update without an edit time (embed unfurl) changes nothing', () => {
    const book = bookWith(created('1'));
    expect(book.apply({ type: 'updated', message: snapshot('1', { content: 'other' }) })).toEqual({ kind: 'none' });
  });

  test('an update for an unknown message creates it (MESSAGE_UPDATE is a full message)', () => {
    const book = bookWith();
    expect(book.apply(edited('5', 'late', T0 + 10))).toMatchObject({ kind: 'new', question: { content: 'late' } });
  });

  test('a backfilled snapshot with a newer edit updates the content', () => {
    const book = bookWith(created('1'));
    const change = book.apply(created('1', { content: 'edited in the gap', editedAt: T0 + 50 }));
    expect(change).toMatchObject({ kind: 'updated', question: { content: 'edited in the gap' } });
  });

  test('delete wipes the content and keeps a tombstone; later events cannot revive it', () => {
    const book = bookWith(created('1'), react('1', 'u1'));
    expect(book.apply({ type: 'deleted', messageId: '1' })).toMatchObject({
      kind: 'updated',
      question: { deleted: true, content: '' },
    });
    expect(book.apply({ type: 'deleted', messageId: '1' })).toEqual({ kind: 'none' });
    expect(book.apply(edited('1', 'zombie', T0 + 999))).toEqual({ kind: 'none' });
    expect(book.apply(created('1'))).toEqual({ kind: 'none' });
    expect(book.apply(react('1', 'u2'))).toEqual({ kind: 'none' });
    expect(q(book, '1')?.content).toBe('');
  });

  test('a delete that arrives before the message (backfill race) keeps it out', () => {
    const book = bookWith({ type: 'deleted', messageId: '7' });
    expect(book.apply(created('7'))).toEqual({ kind: 'none' });
    expect(book.list()).toEqual([]);
  });

  test('questions handed out are never mutated afterwards', () => {
    const book = bookWith(created('1'));
    const before = q(book, '1');
    book.apply(react('1', 'u1'));
    expect(before?.votes).toBe(0);
    expect(q(book, '1')?.votes).toBe(1);
  });
});

describe('votes', () => {
  test('count distinct non-bot users across emojis', () => {
    const book = bookWith(created('1'), react('1', 'u1'), react('1', 'u1', '🔥'), react('1', 'u2', '🔥'));
    expect(book.apply(react('1', 'bot', '✅', true))).toEqual({ kind: 'none' });
    expect(q(book, '1')?.votes).toBe(2);
  });

  test('a user keeps voting while any of their emojis remains', () => {
    const book = bookWith(created('1'), react('1', 'u1'), react('1', 'u1', '🔥'));
    expect(book.apply(unreact('1', 'u1'))).toEqual({ kind: 'none' });
    expect(book.apply(unreact('1', 'u1', '🔥'))).toMatchObject({ kind: 'updated', question: { votes: 0 } });
  });

  test('replayed reactions are idempotent', () => {
    const book = bookWith(created('1'), react('1', 'u1'));
    expect(book.apply(react('1', 'u1'))).toEqual({ kind: 'none' });
    expect(q(book, '1')?.votes).toBe(1);
  });

  test('clearing one emoji or all reactions', () => {
    const book = bookWith(created('1'), react('1', 'u1'), react('1', 'u2', '🔥'));
    expect(book.apply({ type: 'reactions-cleared', messageId: '1', emoji: '🔥' })).toMatchObject({
      question: { votes: 1 },
    });
    expect(book.apply({ type: 'reactions-cleared', messageId: '1', emoji: null })).toMatchObject({
      question: { votes: 0 },
    });
  });

  test('a backfill vote floor counts until more distinct voters are seen', () => {
    const book = bookWith(created('1', { voteFloor: 3 }));
    expect(q(book, '1')?.votes).toBe(3);
    book.apply(react('1', 'u1'));
    expect(q(book, '1')?.votes).toBe(3);
    for (const user of ['u2', 'u3', 'u4']) book.apply(react('1', user));
    expect(q(book, '1')?.votes).toBe(4);
  });

  test('reactions on unknown messages are ignored', () => {
    expect(bookWith().apply(react('404', 'u1'))).toEqual({ kind: 'none' });
  });
});
