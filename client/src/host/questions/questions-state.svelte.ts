/**
 * @module QuestionsState: one event's audience questions on the dashboard. Asks for the list after every
 * (re)connect, merges `question:new` / `question:updated` by id into a `$state.raw` array that is replaced, never
 * mutated, follows the registration count and the Discord status, and sends host actions (with undo). Order,
 * search and the hidden section are `$derived`.
 */
import type { HostServerEvents } from '../../../../shared/events.ts';
import type {
  DiscordStatus,
  DiscordStatusUpdate,
  ProblemSnapshot,
  Question,
  QuestionAction,
  RegistrationsUpdate,
} from '../../../../shared/question.ts';
import { atOnce, type Defer } from '../../lib/beat.ts';
import { listen } from '../../lib/listeners.ts';
import type { HostSocketPort, Listen } from '../host-socket-port.ts';
import {
  arrangeQuestions,
  INVERSE_ACTION,
  mergeQuestions,
  upsertQuestion,
  type QuestionSort,
} from './question-view.ts';
import type { HostApi } from '../api.ts';

/**
 * Questions rendered at first, and added per "show more" (or on scrolling to its button), back to one page when the
 * list is scrolled back to its top: two or three heights of the panel's list. Re-sorting moves every rendered item in
 * the DOM, and each one arriving moves them all down: its second cost the dashboard ~13 ms more than a tick alone with
 * 30 rendered, ~7–9 ms with 12 (docs/benchmarks.md).
 */
export const PAGE_SIZE = 12;

export type QuestionsOptions = {
  /** The clock of the undo bar's actions. */
  now?: () => number;
  /**
   * New questions wait for this (the dashboard's beat, lib/beat.ts: a question then shows in the tick's rendering
   * frame instead of one of its own); without it they show at once.
   */
  defer?: Defer;
};

/** The host's latest action, for the undo bar. `at` is ms since epoch. */
export type LastAction = { questionId: string; action: QuestionAction; at: number };

export class QuestionsState {
  readonly eventId: string;
  /** Posting order, oldest first; tombstones and hidden questions included. */
  questions = $state.raw<readonly Question[]>([]);
  /** Distinct people who registered in Discord; null until the first list arrives. */
  registrations = $state<number | null>(null);
  status = $state.raw<DiscordStatus | null>(null);
  /** The first `questions:list` answer arrived. */
  loaded = $state(false);
  /** Why listing failed, as the server said. */
  error = $state<string | null>(null);
  sort = $state<QuestionSort>('newest');
  query = $state('');
  showHidden = $state(false);
  /** How many of the shown questions are rendered (the rest behind "show more"). */
  limit = $state(PAGE_SIZE);
  /** Ids of questions with an action on its way (their buttons are disabled). */
  pending = $state.raw<ReadonlySet<string>>(new Set());
  lastAction = $state.raw<LastAction | null>(null);
  actionError = $state<string | null>(null);

  lists = $derived(arrangeQuestions(this.questions, { sort: this.sort, query: this.query }));
  /** The first `limit` of `lists.shown`. */
  rendered = $derived(this.lists.shown.length > this.limit ? this.lists.shown.slice(0, this.limit) : this.lists.shown);
  /** Questions still waiting for an answer (not answered, withdrawn or hidden). */
  openCount = $derived(this.questions.reduce((n, q) => n + (q.answered || q.deleted || q.hidden ? 0 : 1), 0));

  readonly #socket: HostSocketPort;
  readonly #api: Pick<HostApi, 'snapshot'>;
  readonly #now: () => number;
  readonly #defer: Defer;
  #disposed = false;
  #unlisten: () => void = () => undefined;
  /** Generation of the newest `questions:list` request; older answers are dropped. */
  #listing = 0;
  /** Pushes received while a list request is on its way: they are newer than (or equal to) what it returns. */
  #pushed: Question[] | null = null;

  constructor(socket: HostSocketPort, api: Pick<HostApi, 'snapshot'>, eventId: string, options: QuestionsOptions = {}) {
    this.#socket = socket;
    this.#api = api;
    this.eventId = eventId;
    this.#now = options.now ?? Date.now;
    this.#defer = options.defer ?? atOnce;
  }

  start(): void {
    this.#unlisten = listen<Listen>(this.#socket, {
      connect: this.#onConnect,
      'question:new': (question) => this.#defer(() => this.#onQuestion(question)),
      // At once: an update may race the answer to this page's own action, which is applied at once too.
      'question:updated': this.#onQuestion,
      'questions:registrations': this.#onRegistrations,
      'discord:status': this.#onStatus,
    });
    if (this.#socket.connected) this.#onConnect();
  }

  dispose(): void {
    this.#disposed = true;
    this.#unlisten();
  }

  /** Sends a host action; the answer replaces the question right away (other dashboards get `question:updated`). */
  act(questionId: string, action: QuestionAction, remember = true): void {
    if (this.pending.has(questionId)) return;
    if (!this.#socket.connected) {
      this.actionError = 'not connected to the server';
      return;
    }
    this.pending = new Set([...this.pending, questionId]);
    this.#socket.emit('question:act', { eventId: this.eventId, questionId, action }, (result) => {
      if (this.#disposed) return;
      const rest = new Set(this.pending);
      rest.delete(questionId);
      this.pending = rest;
      if (!result.ok) {
        this.actionError = result.message ?? result.error;
        return;
      }
      this.actionError = null;
      this.questions = upsertQuestion(this.questions, result.data);
      this.lastAction = remember ? { questionId, action, at: this.#now() } : null;
    });
  }

  showMore(): void {
    this.limit += PAGE_SIZE;
  }

  /** Renders the first page alone again (the list is back at its top: the rest is out of sight). */
  firstPageOnly(): void {
    if (this.limit > PAGE_SIZE) this.limit = PAGE_SIZE;
  }

  /** Reverses the latest action (answered ↔ unanswered, pinned ↔ unpinned, hidden ↔ shown). */
  undo(): void {
    const last = this.lastAction;
    if (!last) return;
    this.lastAction = null;
    this.act(last.questionId, INVERSE_ACTION[last.action], false);
  }

  snapshot(questionId: string): Promise<ProblemSnapshot> {
    return this.#api.snapshot(this.eventId, questionId);
  }

  // Deferred by a microtask so that the live session's `host:subscribe` (sent from the same `connect`, or from its
  // start right after this one) goes first: pushes reach us only once subscribed, and the list must not predate that.
  #onConnect = (): void => queueMicrotask(() => this.#list());

  #list(): void {
    if (this.#disposed || !this.#socket.connected) return;
    const generation = ++this.#listing;
    this.#pushed ??= [];
    this.#socket.emit('questions:list', { eventId: this.eventId }, (result) => {
      if (this.#disposed || generation !== this.#listing) return;
      const pushed = this.#pushed ?? [];
      this.#pushed = null;
      if (!result.ok) {
        this.error = result.message ?? result.error;
        return;
      }
      this.error = null;
      this.questions = mergeQuestions(result.data.questions, pushed);
      this.registrations = result.data.registrations;
      this.status = result.data.status;
      this.loaded = true;
    });
  }

  #onQuestion: HostServerEvents['question:new'] = (question) => {
    if (question.eventId !== this.eventId) return;
    this.#pushed?.push(question);
    this.questions = upsertQuestion(this.questions, question);
  };

  #onRegistrations = (update: RegistrationsUpdate): void => {
    if (update.eventId === this.eventId) this.registrations = update.count;
  };

  #onStatus = (update: DiscordStatusUpdate): void => {
    if (update.eventId === this.eventId) this.status = update.status;
  };
}
