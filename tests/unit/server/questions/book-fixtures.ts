/** @module Fixtures for question-book tests: message snapshots and the events that carry them. */
import type { Question } from '../../../../shared/question.ts';
import { createQuestionBook, type QuestionBook } from '../../../../server/questions/question-book.ts';
import type { MessageSnapshot, QuestionEvent } from '../../../../server/questions/question-event.ts';

export const T0 = Date.UTC(2026, 0, 1, 12);

export function snapshot(messageId: string, overrides: Partial<MessageSnapshot> = {}): MessageSnapshot {
  return {
    messageId,
    channelId: '900',
    author: { id: `user-${messageId}`, name: 'Alice', avatarUrl: null },
    content: `Question ${messageId}`,
    createdAt: T0 + Number(messageId),
    editedAt: null,
    voteFloor: 0,
    ...overrides,
  };
}

export const created = (messageId: string, overrides: Partial<MessageSnapshot> = {}): QuestionEvent => ({
  type: 'created',
  message: snapshot(messageId, overrides),
});
export const edited = (messageId: string, content: string, editedAt: number): QuestionEvent => ({
  type: 'updated',
  message: snapshot(messageId, { content, editedAt }),
});
export const react = (messageId: string, userId: string, emoji = '👍', bot = false): QuestionEvent => ({
  type: 'reaction-added',
  messageId,
  userId,
  emoji,
  bot,
});
export const unreact = (messageId: string, userId: string, emoji = '👍'): QuestionEvent => ({
  type: 'reaction-removed',
  messageId,
  userId,
  emoji,
});

export function bookWith(...events: QuestionEvent[]): QuestionBook {
  const book = createQuestionBook({ eventId: 'evt-1', registrationPattern: null });
  for (const event of events) book.apply(event);
  return book;
}

export const q = (book: QuestionBook, messageId: string): Question | null => book.get(`discord-${messageId}`);
