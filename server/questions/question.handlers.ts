/**
 * @module Socket handlers for questions. Host: `questions:list`, `question:act`. Viewer: `viewer:question`,
 * `viewer:problem` (rate-limited per viewing session, beyond the per-connection guard). They parse, call, ack.
 */
import type { Socket } from 'socket.io';
import type { KansokuEvent } from '../../shared/event.ts';
import type {
  HostClientEvents,
  HostServerEvents,
  ViewerClientEvents,
  ViewerServerEvents,
} from '../../shared/events.ts';
import {
  ProblemReportSchema,
  QuestionActionSchema,
  QuestionsListSchema,
  ViewerQuestionSchema,
  type Question,
  type QuestionsView,
} from '../../shared/question.ts';
import { clockChecked } from '../../shared/plausible-schemas.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import type { Admission } from '../admission/admission.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import type { Logger } from '../logger.ts';
import { createConnectionGuard } from '../socket/connection-guard.ts';
import { withAck } from '../socket/with-ack.ts';
import type { QuestionBooks } from './question-books.ts';
import { problemQuestion, webQuestion, type SessionLimiter } from './viewer-questions.ts';

export type QuestionHandlerDeps = {
  catalog: EventCatalog;
  books: QuestionBooks;
  clock: Clock;
  logger: Logger;
  view(event: KansokuEvent): Promise<QuestionsView>;
  /** A host marked a question answered (it was not before). */
  onAnswered(question: Question): void;
  /** Per viewing session: `viewer:question` and `viewer:problem`. */
  limits: { question: SessionLimiter; problem: SessionLimiter };
  /** Per address and per event, on top of the per-session limits (docs/protocol.md, "Budgets"). */
  admission: Pick<Admission, 'spend'>;
  newId(): string;
};

type HostSocket = Socket<HostClientEvents, HostServerEvents>;
type ViewerSocket = Socket<ViewerClientEvents, ViewerServerEvents>;

const unknownEvent = (eventId: string) => fail('not-found', `no event with id "${eventId}"`);
const slowDown = (what: string, waitMs: number) =>
  fail('rate-limited', `too many ${what}; try again in ${Math.ceil(waitMs / 1000)} s`);

export function registerHostQuestionHandlers(socket: HostSocket, deps: QuestionHandlerDeps): void {
  const ctx = {
    logger: deps.logger,
    guard: createConnectionGuard(20, 100),
    now: () => deps.clock.now(),
    drop: () => void socket.disconnect(true),
  };
  socket.on(
    'questions:list',
    withAck(ctx, 'questions:list', QuestionsListSchema, async ({ eventId }): Promise<Result<QuestionsView>> => {
      const event = deps.catalog.get(eventId);
      return event ? ok(await deps.view(event)) : unknownEvent(eventId);
    }),
  );
  socket.on(
    'question:act',
    withAck(
      ctx,
      'question:act',
      QuestionActionSchema,
      async ({ eventId, questionId, action }): Promise<Result<Question>> => {
        if (!deps.catalog.get(eventId)) return unknownEvent(eventId);
        const result = await deps.books.act(eventId, questionId, action);
        if (result === null) return fail('not-found', `no question with id "${questionId}"`);
        if (result.changed && action === 'answer') deps.onAnswered(result.question);
        return ok(result.question);
      },
    ),
  );
}

const overBudget = (what: string) =>
  fail('rate-limited', `too many ${what} from this address or for this event; try again in a minute`);

/**
 * `eventId` and `sessionId` are the ones the viewer namespace checked at the handshake (socket.data, ticket
 * verified); `address` is the client's budget address.
 */
export function registerViewerQuestionHandlers(
  socket: ViewerSocket,
  session: { eventId: string; sessionId: string; address: string },
  deps: QuestionHandlerDeps,
): void {
  const ctx = {
    logger: deps.logger,
    guard: createConnectionGuard(),
    now: () => deps.clock.now(),
    drop: () => void socket.disconnect(true),
  };
  const key = `${session.eventId}/${session.sessionId}`;
  const origin = () => ({
    eventId: session.eventId,
    sessionId: session.sessionId,
    id: deps.newId(),
    now: deps.clock.now(),
  });

  socket.on(
    'viewer:question',
    withAck(
      ctx,
      'viewer:question',
      clockChecked(ViewerQuestionSchema, ctx.now),
      async (input): Promise<Result<null>> => {
        const now = deps.clock.now();
        if (!deps.limits.question.allow(key, now)) return slowDown('questions', deps.limits.question.waitMs(key, now));
        if (!deps.admission.spend('questions', session.eventId, session.address, now)) return overBudget('questions');
        await deps.books.add(webQuestion(input, origin()));
        return ok(null);
      },
    ),
  );
  socket.on(
    'viewer:problem',
    withAck(
      ctx,
      'viewer:problem',
      clockChecked(ProblemReportSchema, ctx.now),
      async (report): Promise<Result<null>> => {
        const now = deps.clock.now();
        if (!deps.limits.problem.allow(key, now)) return slowDown('reports', deps.limits.problem.waitMs(key, now));
        if (!deps.admission.spend('problems', session.eventId, session.address, now)) return overBudget('reports');
        const { question, snapshot } = problemQuestion(report, origin());
        await deps.books.add(question, JSON.stringify(snapshot));
        return ok(null);
      },
    ),
  );
}
