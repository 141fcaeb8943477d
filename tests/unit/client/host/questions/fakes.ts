/**
 * @module Test doubles for the questions panel: a host socket that answers `questions:list` / `question:act`, and
 * questions.
 */
import {
  QUESTION_ACTION_PATCHES,
  type DiscordStatus,
  type Question,
  type QuestionAction,
  type QuestionsView,
} from '../../../../../shared/question.ts';
import type { Result } from '../../../../../shared/result.ts';
import { FakeHostSocket } from '../fake-host-socket.ts';
import { makeQuestion as baseQuestion } from '../../../../helpers/question-factory.ts';

export const READY: DiscordStatus = { state: 'ready', since: 1 };

/** The host socket, answering `questions:list` and `question:act` from a stored view. Connected from the start. */
export class FakeQuestionsSocket extends FakeHostSocket {
  override connected = true;
  view: QuestionsView = { questions: [], registrations: 0, status: READY };
  /** What `questions:list` answers; by default `view`. */
  listResult: (() => Result<QuestionsView>) | null = null;
  /** What `question:act` answers; by default the stored question with the action applied. */
  actResult: ((questionId: string, action: QuestionAction) => Result<Question>) | null = null;

  protected override answer(event: string, payload: unknown): unknown {
    if (event === 'questions:list')
      return this.listResult ? this.listResult() : { ok: true, data: structuredClone(this.view) };
    if (event === 'question:act') {
      const { questionId, action } = payload as { questionId: string; action: QuestionAction };
      return this.actResult ? this.actResult(questionId, action) : this.#apply(questionId, action);
    }
    return super.answer(event, payload);
  }

  #apply(questionId: string, action: QuestionAction): Result<Question> {
    const q = this.view.questions.find((x) => x.id === questionId);
    if (!q) return { ok: false, error: 'not-found', message: `no question with id "${questionId}"` };
    const next = { ...q, ...QUESTION_ACTION_PATCHES[action] };
    this.view = { ...this.view, questions: this.view.questions.map((x) => (x.id === questionId ? next : x)) };
    return { ok: true, data: next };
  }
}

let serial = 0;

/** A Discord question, each call the next message. */
export function makeQuestion(patch: Partial<Question> = {}): Question {
  serial += 1;
  return baseQuestion({
    id: `discord-${1000 + serial}`,
    source: 'discord',
    messageId: String(1000 + serial),
    author: { name: `Person ${serial}`, avatarUrl: null },
    content: `Question ${serial}`,
    createdAt: 1_800_000_000_000 + serial * 1000,
    ...patch,
  });
}

/** Lets queued microtasks (the deferred list request) run. */
export const microtasks = () => new Promise<void>((resolve) => queueMicrotask(resolve));
