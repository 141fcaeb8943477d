/**
 * @module Feature: audience questions. Runs a Discord source per configured event (DISCORD_TOKEN; in a cluster, on
 * the process that leads the event, which tells the others its status), takes questions and problem reports from the
 * watch page, persists everything (purged after KANSOKU_QUESTION_RETENTION_DAYS) and pushes changes to the event's
 * dashboards. Contract: shared/question.ts; design notes: docs/questions.md.
 */
import { randomUUID } from 'node:crypto';
import type { KansokuEvent } from '../../shared/event.ts';
import {
  PROBLEM_REPORT_INTERVAL_MS,
  WEB_QUESTION_INTERVAL_MS,
  type DiscordStatus,
  type QuestionsView,
} from '../../shared/question.ts';
import type { FeatureContext } from '../feature.ts';
import type { ViewerSocketData } from '../viewers/viewer.handlers.ts';
import { eventRoom } from '../socket/rooms.ts';
import { createDiscordRunner } from './discord-runner.ts';
import { createDiscordSource } from './discord-source.ts';
import {
  registerHostQuestionHandlers,
  registerViewerQuestionHandlers,
  type QuestionHandlerDeps,
} from './question.handlers.ts';
import { expiredEventIds } from './question-policy.ts';
import { createQuestionBooks } from './question-books.ts';
import { questionRoutes } from './question.routes.ts';
import { createQuestionStore } from './question-store.ts';
import { createQuestionWriter } from './question-writer.ts';
import { createSessionLimiter } from './viewer-questions.ts';

/** Ended events are checked this often, so a source stops about an hour after its event ended. */
const RECONCILE_MS = 60_000;
/** In a cluster, the leader also tells the others its events' Discord status this often (a process just started). */
const SHARE_STATUS_MS = 10_000;
const PURGE_MS = 24 * 60 * 60_000;

export function mountQuestions(ctx: FeatureContext): void {
  const { catalog, clock, config } = ctx;
  const logger = ctx.logger.child({ module: 'questions' });
  const to = (eventId: string) => ctx.hosts.to(eventRoom(eventId));
  const store = createQuestionStore(ctx.storage.db);
  const writer = createQuestionWriter({ store, timers: ctx.timers, logger });
  const books = createQuestionBooks({
    store,
    writer,
    logger,
    patternOf: (eventId) => catalog.get(eventId)?.discord.registrationPattern ?? null,
    onChange: (change) => {
      const eventId = change.kind === 'registrations' ? change.eventId : change.question.eventId;
      // Other processes of a cluster read the book again once this change is stored.
      if (!ctx.peers.alone)
        void writer.flush().then(
          () => ctx.peers.tell('questions', eventId),
          () => undefined,
        );
      if (change.kind === 'registrations')
        to(change.eventId).emit('questions:registrations', { eventId: change.eventId, count: change.count });
      else
        to(change.question.eventId).emit(change.kind === 'new' ? 'question:new' : 'question:updated', change.question);
    },
  });
  /** An event's Discord status to its dashboards on every process (the adapter) and to the other processes. */
  const announce = (eventId: string, status: DiscordStatus) => {
    to(eventId).emit('discord:status', { eventId, status });
    if (!ctx.peers.alone) ctx.peers.tellDiscordStatus(eventId, status);
  };
  const runner = createDiscordRunner({
    settings: {
      token: config.discordToken,
      apiUrl: config.discordApiUrl,
      answerReaction: config.discordAnswerReaction,
    },
    logger,
    now: () => clock.now(),
    createSource: createDiscordSource,
    prepare: async (eventId) => (await books.book(eventId)).latestMessageId(),
    onEvent: (eventId, event) => books.apply(eventId, event),
    onStatus: (eventId, status) => announce(eventId, status),
  });
  /**
   * The Discord status of events another process of the cluster leads, as it told them: for the snapshot a dashboard
   * gets here at subscribe (the leader's `discord:status` pushes reach every process's dashboards through the adapter).
   */
  const heard = new Map<string, { status: DiscordStatus; from: string }>();
  ctx.peers.hearDiscordStatus((eventId, status, from) => void heard.set(eventId, { status, from }));
  // Its teller stopped leading: until the next leader tells, its gateway is not there to be "ready".
  ctx.peers.hear('discord-released', (eventId, from) => {
    if (heard.get(eventId)?.from === from) heard.delete(eventId);
  });
  /** Events whose status this process asked the leader for (once each: the periodic share covers a lost request). */
  const asked = new Set<string>();
  const status = (event: KansokuEvent): DiscordStatus => {
    if (ctx.peers.leads(event.id)) return runner.status(event);
    const told = heard.get(event.id);
    if (told) return told.status;
    // Started after the leader's gateway connected: ask now instead of showing "connecting" until the next share.
    if (!ctx.peers.alone && !asked.has(event.id)) {
      asked.add(event.id);
      ctx.peers.tell('discord-status-wanted', event.id);
    }
    return runner.status(event);
  };
  ctx.peers.hear('discord-status-wanted', (eventId) => {
    const event = catalog.get(eventId);
    if (!event || !ctx.peers.leads(eventId)) return;
    announce(eventId, runner.status(event)); // the dashboards of the process that asked show it at once
  });
  const view = async (event: KansokuEvent): Promise<QuestionsView> => {
    const book = await books.book(event.id);
    return { questions: book.list(), registrations: book.registrations(), status: status(event) };
  };
  const deps: QuestionHandlerDeps = {
    catalog,
    books,
    clock,
    logger,
    view,
    onAnswered: (question) => {
      if (question.source === 'discord' && question.messageId !== null && !question.deleted) {
        void runner.markAnswered(question.eventId, question.messageId);
      }
    },
    limits: {
      question: createSessionLimiter(WEB_QUESTION_INTERVAL_MS),
      problem: createSessionLimiter(PROBLEM_REPORT_INTERVAL_MS),
    },
    admission: ctx.admission,
    newId: randomUUID,
  };

  ctx.http.route('/api/events', questionRoutes({ catalog, store, view }));
  ctx.hosts.on('connection', (socket) => registerHostQuestionHandlers(socket, deps));
  ctx.viewers.on('connection', (socket) => {
    // Set by the viewer namespace's handshake check; a socket it refused or dropped gets no handlers.
    const { eventId, sessionId, address } = socket.data as Partial<ViewerSocketData>;
    if (!socket.connected || eventId === undefined || sessionId === undefined || address === undefined) return;
    registerViewerQuestionHandlers(socket, { eventId, sessionId, address }, deps);
  });

  // The Discord gateway of an event runs on one process: the one that leads it (in a cluster, the lease holder).
  const reconcile = (event: KansokuEvent | undefined) => {
    if (event && ctx.peers.leads(event.id)) void runner.reconcile(event);
  };
  catalog.onChange((event) => {
    books.syncPattern(event.id);
    reconcile(event);
  });
  // A process that lost the lease without dying (Redis slow or cut off for a while) stops its gateway: the new leader
  // runs one, and two would each post the same reactions and statuses.
  ctx.peers.onLeadChange((eventId, leading) => {
    if (leading) return reconcile(catalog.get(eventId));
    void runner.release(eventId);
    ctx.peers.tell('discord-released', eventId);
  });
  ctx.peers.hear('questions', (eventId) => books.reload(eventId));
  const reconcileAll = () => {
    for (const event of catalog.list()) reconcile(event);
  };
  const purge = async () => {
    const expired = expiredEventIds(catalog.list(), config.questionRetentionDays, clock.now());
    if (expired.length === 0) return;
    books.reset(expired);
    const deleted = await writer.run(async () => {
      writer.forget(expired);
      return store.purge(expired);
    });
    if (deleted > 0) logger.info({ events: expired.length, questions: deleted }, 'deleted questions past retention');
  };
  const purgeSafely = () => void purge().catch((err: unknown) => logger.error({ err }, 'question purge failed'));

  const shareStatuses = () => {
    for (const event of catalog.list())
      if (ctx.peers.leads(event.id)) ctx.peers.tellDiscordStatus(event.id, runner.status(event));
  };

  reconcileAll();
  purgeSafely();
  const reconcileTimer = ctx.timers.setInterval(reconcileAll, RECONCILE_MS);
  const purgeTimer = ctx.timers.setInterval(purgeSafely, PURGE_MS);
  const shareTimer = ctx.peers.alone ? null : ctx.timers.setInterval(shareStatuses, SHARE_STATUS_MS);
  ctx.onClose(async () => {
    ctx.timers.clearInterval(reconcileTimer);
    ctx.timers.clearInterval(purgeTimer);
    if (shareTimer !== null) ctx.timers.clearInterval(shareTimer);
    await runner.close();
    await writer.close();
  });
}
