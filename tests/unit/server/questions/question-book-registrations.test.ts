/** @module QuestionBook: registrations, host actions, listing order and restoring stored questions. */
import { describe, expect, test } from 'vitest';
import type { Question } from '../../../../shared/question.ts';
import { compileRegistrationPattern, createQuestionBook } from '../../../../server/questions/question-book.ts';
import { bookWith, created, q, react } from './book-fixtures.ts';

describe('registrations', () => {
  const registering = () => createQuestionBook({ eventId: 'evt-1', registrationPattern: '^(参加|join)' });

  test('matching messages count per person and are not questions', () => {
    const book = registering();
    expect(book.apply(created('1', { content: '参加します' }))).toEqual({ kind: 'registrations', count: 1 });
    book.apply(created('2', { content: 'JOIN please', author: { id: 'user-1', name: 'A', avatarUrl: null } }));
    expect(book.registrations()).toBe(1);
    book.apply(created('3', { content: 'Join!' }));
    expect(book.registrations()).toBe(2);
    expect(book.apply(created('4', { content: 'I want to join later' }))).toMatchObject({ kind: 'new' });
    expect(book.list()).toHaveLength(1);
  });

  test('replays are not double counted; deleting the message withdraws it', () => {
    const book = registering();
    book.apply(created('1', { content: 'join' }));
    expect(book.apply(created('1', { content: 'join' }))).toEqual({ kind: 'none' });
    expect(book.apply({ type: 'deleted', messageId: '1' })).toEqual({ kind: 'registrations', count: 0 });
  });

  test('explicit registration events are counted by key', () => {
    const book = bookWith({ type: 'registration', key: 'web:abc' });
    expect(book.apply({ type: 'registration', key: 'web:abc' })).toEqual({ kind: 'none' });
    expect(book.apply({ type: 'registration', key: 'web:def' })).toEqual({ kind: 'registrations', count: 2 });
  });

  test('a null or blank pattern means no registrations; an invalid one throws', () => {
    expect(compileRegistrationPattern(null)).toBeNull();
    expect(compileRegistrationPattern('  ')).toBeNull();
    expect(() => compileRegistrationPattern('(unclosed')).toThrow(SyntaxError);
    expect(bookWith(created('1', { content: 'join' })).registrations()).toBe(0);
  });
});

describe('host actions and listing', () => {
  test('act applies answer / pin / hide and their inverses', () => {
    const book = bookWith(created('1'));
    expect(book.act('discord-1', 'answer')).toMatchObject({ answered: true });
    expect(book.act('discord-1', 'pin')).toMatchObject({ answered: true, pinned: true });
    expect(book.act('discord-1', 'hide')).toMatchObject({ hidden: true });
    expect(book.act('discord-1', 'unhide')).toMatchObject({ hidden: false });
    expect(book.act('discord-1', 'unpin')).toMatchObject({ pinned: false });
    expect(book.act('discord-1', 'unanswer')).toMatchObject({ answered: false });
    expect(book.act('discord-404', 'answer')).toBeNull();
  });

  test('list is in posting order and latestMessageId tracks the largest id', () => {
    const book = bookWith(created('30'), created('100'), created('4'));
    expect(book.list().map((question) => question.messageId)).toEqual(['4', '30', '100']);
    expect(book.latestMessageId()).toBe('100');
  });

  test('restored questions keep their votes and host state', () => {
    const stored = bookWith(created('1', { voteFloor: 2 }));
    const restored = createQuestionBook({
      eventId: 'evt-1',
      registrationPattern: null,
      initial: [{ ...(q(stored, '1') as Question), answered: true }],
    });
    expect(restored.apply(created('1'))).toEqual({ kind: 'none' });
    restored.apply(react('1', 'u1'));
    expect(q(restored, '1')).toMatchObject({ votes: 2, answered: true });
    expect(restored.latestMessageId()).toBe('1');
  });
});
