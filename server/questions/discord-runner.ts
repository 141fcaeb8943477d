/**
 * @module Runs one Discord source per event that should have one (see `discordPlan`): starts, restarts on a new
 * guild or channel, stops; keeps each event's `DiscordStatus` and reports changes. Changes per event are serialized.
 */
import type { KansokuEvent } from '../../shared/event.ts';
import type { DiscordStatus } from '../../shared/question.ts';
import type { Logger } from '../logger.ts';
import type { DiscordSource, DiscordSourceOptions } from './discord-source.ts';
import type { StatusUpdate } from './discord-status.ts';
import type { QuestionEvent } from './question-event.ts';
import { discordPlan } from './question-policy.ts';

export type DiscordSettings = { token: string | undefined; apiUrl: string; answerReaction: boolean };

export type DiscordRunnerOptions = {
  settings: DiscordSettings;
  logger: Logger;
  now(): number;
  createSource(options: DiscordSourceOptions): DiscordSource;
  /** Loads the event's questions and returns the newest stored message id (the backfill cursor). */
  prepare(eventId: string): Promise<string | null>;
  onEvent(eventId: string, event: QuestionEvent): void;
  onStatus(eventId: string, status: DiscordStatus): void;
};

export type DiscordRunner = {
  /** Brings the event's source in line with its settings and phase; resolves when done (never rejects). */
  reconcile(event: KansokuEvent): Promise<void>;
  /** The event's status; before its first reconcile, what its plan implies (`connecting` or why not). */
  status(event: KansokuEvent): DiscordStatus;
  /** Adds ✅ to the message (when KANSOKU_DISCORD_ANSWER_REACTION is on and a source runs); false otherwise. */
  markAnswered(eventId: string, messageId: string): Promise<boolean>;
  /**
   * Stops the event's source and forgets its status: another process leads the event now (server/cluster/), and a
   * second gateway here would only duplicate its work. Queued after any change in progress; never rejects.
   */
  release(eventId: string): Promise<void>;
  /** Stops every source. */
  close(): Promise<void>;
};

type Running = { key: string; source: DiscordSource };

export function createDiscordRunner(options: DiscordRunnerOptions): DiscordRunner {
  const { settings, logger } = options;
  const running = new Map<string, Running>();
  const statuses = new Map<string, DiscordStatus>();
  const queues = new Map<string, Promise<void>>();
  let closed = false;

  function setStatus(eventId: string, update: StatusUpdate | DiscordStatus): void {
    const current = statuses.get(eventId);
    if (
      current &&
      current.state === update.state &&
      current.detail === update.detail &&
      current.advice === update.advice
    )
      return;
    const since = 'since' in update ? update.since : current?.state === update.state ? current.since : options.now();
    const status: DiscordStatus = { ...update, since };
    statuses.set(eventId, status);
    options.onStatus(eventId, status);
  }

  async function stop(eventId: string): Promise<void> {
    const current = running.get(eventId);
    if (current === undefined) return;
    running.delete(eventId); // first: the stopping source's own `disabled` status is not reported
    await current.source.stop();
  }

  async function apply(event: KansokuEvent): Promise<void> {
    if (closed) return;
    const plan = discordPlan(event, settings.token !== undefined, options.now());
    const current = running.get(event.id);
    if (plan.run && current?.key === plan.key) return;
    await stop(event.id);
    if (!plan.run) return setStatus(event.id, plan.status);
    const backfillAfter = await options.prepare(event.id);
    if (closed) return;
    const source = options.createSource({
      token: settings.token as string,
      apiUrl: settings.apiUrl,
      guildId: plan.guildId,
      channelId: plan.channelId,
      answerReaction: settings.answerReaction,
      backfillAfter,
      now: options.now,
      logger: logger.child({ eventId: event.id }),
      onEvent: (questionEvent) => options.onEvent(event.id, questionEvent),
      onStatus: (status) => {
        if (running.get(event.id)?.source === source) setStatus(event.id, status);
      },
    });
    running.set(event.id, { key: plan.key, source });
    void source.start(); // resolves once ready or failed; progress arrives through onStatus
  }

  /** Runs `change` after the event's earlier changes; logs instead of rejecting. */
  function queue(eventId: string, change: () => Promise<void>): Promise<void> {
    const next = (queues.get(eventId) ?? Promise.resolve()).then(change).catch((err: unknown) => {
      logger.error({ err, eventId }, 'could not update the Discord source');
    });
    queues.set(eventId, next);
    return next;
  }

  return {
    reconcile: (event) => queue(event.id, () => apply(event)),
    release: (eventId) =>
      queue(eventId, async () => {
        statuses.delete(eventId); // first: a source closing for a while is not "ready" meanwhile
        await stop(eventId);
      }),
    status(event) {
      const known = statuses.get(event.id);
      if (known !== undefined) return known;
      const plan = discordPlan(event, settings.token !== undefined, options.now());
      return { ...(plan.run ? { state: 'connecting' as const } : plan.status), since: options.now() };
    },
    async markAnswered(eventId, messageId) {
      return (await running.get(eventId)?.source.markAnswered(messageId)) ?? false;
    },
    async close() {
      closed = true;
      await Promise.allSettled([...queues.values()]);
      await Promise.allSettled([...running.keys()].map((eventId) => stop(eventId)));
    },
  };
}
