/**
 * @module Questions for tests: a complete, valid Question (a web question nobody has acted on yet) that a test
 * overrides where it cares, so a field added to shared/question.ts is added here once.
 */
import { UNTOUCHED_QUESTION, type Question } from '../../shared/question.ts';

export function makeQuestion(patch: Partial<Question> = {}): Question {
  return {
    id: 'web-1',
    eventId: 'ev-1',
    source: 'web',
    messageId: null,
    author: { name: '', avatarUrl: null },
    content: 'Question',
    createdAt: 1,
    ...UNTOUCHED_QUESTION,
    ...patch,
  };
}
