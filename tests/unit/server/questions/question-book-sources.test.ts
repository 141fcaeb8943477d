/** @module QuestionBook beyond Discord: web/report questions, stored registrations, and privacy-minded tombstones. */
import { describe, expect, test } from 'vitest';
import type { Question } from '../../../../shared/question.ts';
import { createQuestionBook } from '../../../../server/questions/question-book.ts';
import { makeQuestion } from '../../../helpers/question-factory.ts';
import { bookWith, created, q, T0 } from './book-fixtures.ts';

const web = (id: string, createdAt: number): Question =>
  makeQuestion({ id, eventId: 'evt-1', author: { name: 'Aki', avatarUrl: null }, content: 'From the web', createdAt });

describe('add', () => {
  test('adds a web question once, in posting order among Discord ones; host actions apply', () => {
    const book = bookWith(created('1'), created('50'));
    expect(book.add(web('web-x', T0 + 10))).toEqual({ kind: 'new', question: web('web-x', T0 + 10) });
    expect(book.add(web('web-x', T0 + 10))).toEqual({ kind: 'none' });
    expect(book.list().map((question) => question.id)).toEqual(['discord-1', 'web-x', 'discord-50']);
    expect(book.act('web-x', 'answer')).toMatchObject({ answered: true });
    expect(book.latestMessageId()).toBe('50');
  });
});

describe('registrations', () => {
  test('entries round-trip through initialRegistrations, keeping dedupe and withdrawal', () => {
    const book = createQuestionBook({ eventId: 'evt-1', registrationPattern: '^join' });
    book.apply(created('1', { content: 'join', author: { id: 'u1', name: 'A', avatarUrl: null } }));
    book.apply(created('2', { content: 'join', author: { id: 'u1', name: 'A', avatarUrl: null } }));
    book.apply({ type: 'registration', key: 'web:s1' });
    expect(book.registrationEntries()).toEqual([
      { key: 'discord:u1', messageId: '1' },
      { key: 'discord:u1', messageId: '2' },
      { key: 'web:s1', messageId: null },
    ]);

    const restored = createQuestionBook({
      eventId: 'evt-1',
      registrationPattern: '^join',
      initialRegistrations: book.registrationEntries(),
    });
    expect(restored.registrations()).toBe(2);
    expect(restored.latestMessageId()).toBe('2');
    expect(restored.apply(created('2', { content: 'join' }))).toEqual({ kind: 'none' });
    expect(restored.apply({ type: 'registration', key: 'web:s1' })).toEqual({ kind: 'none' });
    expect(restored.apply({ type: 'deleted', messageId: '1' })).toEqual({ kind: 'registrations', count: 2 });
    expect(restored.apply({ type: 'deleted', messageId: '2' })).toEqual({ kind: 'registrations', count: 1 });
  });
});

describe('tombstones', () => {
  test('a deleted question loses its content, name and avatar but keeps its id and message id', () => {
    const book = bookWith(
      created('7', { author: { id: 'u7', name: 'Bob', avatarUrl: 'https://cdn.discordapp.com/embed/avatars/1.png' } }),
    );
    book.apply({ type: 'deleted', messageId: '7' });
    expect(q(book, '7')).toMatchObject({
      id: 'discord-7',
      messageId: '7',
      deleted: true,
      content: '',
      author: { name: '', avatarUrl: null },
    });
  });
});
