/** @module Test doubles for the questions panel: a host socket that answers `questions:list` / `question:act`, and questions. */
import type { HostClientEvents } from '../../../../../shared/events.ts';
import type { DiscordStatus, Question, QuestionAction, QuestionsView } from '../../../../../shared/question.ts';
import type { Result } from '../../../../../shared/result.ts';

type Listener = (...args: never[]) => void;
type Pending = { event: string; payload: unknown; ack: (result: unknown) => void };

export const READY: DiscordStatus = { state: 'ready', since: 1 };

/** Records emits; answers them at once, or holds them (`hold = true`) until the test calls `release()`. */
export class FakeQuestionsSocket {
  connected = true;
  hold = false;
  readonly emitted: Array<{ event: string; payload: unknown }> = [];
  view: QuestionsView = { questions: [], registrations: 0, status: READY };
  /** What `questions:list` answers; by default `view`. */
  listResult: (() => Result<QuestionsView>) | null = null;
  /** What `question:act` answers; by default the stored question with the action applied. */
  actResult: ((questionId: string, action: QuestionAction) => Result<Question>) | null = null;
  readonly #held: Pending[] = [];
  readonly #listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  emit<E extends keyof HostClientEvents>(event: E, ...args: Parameters<HostClientEvents[E]>): this {
    const [payload, ack] = args as unknown as [unknown, (r: unknown) => void];
    this.emitted.push({ event, payload });
    const pending = { event, payload, ack };
    if (this.hold) this.#held.push(pending);
    else this.#answer(pending);
    return this;
  }

  /** Answers every held emit, in order. */
  release(): void {
    for (const p of this.#held.splice(0)) this.#answer(p);
  }

  serverEmit(event: string, ...args: unknown[]): void {
    for (const fn of this.#listeners.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }

  connect(): void {
    this.connected = true;
    this.serverEmit('connect');
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  of(event: string): unknown[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload);
  }

  #answer({ event, payload, ack }: Pending): void {
    if (event === 'questions:list')
      ack(this.listResult ? this.listResult() : { ok: true, data: structuredClone(this.view) });
    else if (event === 'question:act') {
      const { questionId, action } = payload as { questionId: string; action: QuestionAction };
      ack(this.actResult ? this.actResult(questionId, action) : this.#apply(questionId, action));
    } else ack({ ok: true, data: null });
  }

  #apply(questionId: string, action: QuestionAction): Result<Question> {
    const q = this.view.questions.find((x) => x.id === questionId);
    if (!q) return { ok: false, error: 'not-found', message: `no question with id "${questionId}"` };
    const flags: Record<QuestionAction, Partial<Question>> = {
      answer: { answered: true },
      unanswer: { answered: false },
      pin: { pinned: true },
      unpin: { pinned: false },
      hide: { hidden: true },
      unhide: { hidden: false },
    };
    const next = { ...q, ...flags[action] };
    this.view = { ...this.view, questions: this.view.questions.map((x) => (x.id === questionId ? next : x)) };
    return { ok: true, data: next };
  }
}

let serial = 0;

export function makeQuestion(patch: Partial<Question> = {}): Question {
  serial += 1;
  return {
    id: `discord-${1000 + serial}`,
    eventId: 'ev-1',
    source: 'discord',
    messageId: String(1000 + serial),
    author: { name: `Person ${serial}`, avatarUrl: null },
    content: `Question ${serial}`,
    createdAt: 1_800_000_000_000 + serial * 1000,
    editedAt: null,
    deleted: false,
    votes: 0,
    answered: false,
    pinned: false,
    hidden: false,
    ...patch,
  };
}

/** Lets queued microtasks (the deferred list request) run. */
export const microtasks = () => new Promise<void>((resolve) => queueMicrotask(resolve));
