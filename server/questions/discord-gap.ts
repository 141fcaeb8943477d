/**
 * @module Backfill bookkeeping: the cursor, one run per fresh session, retries after failures (no @discordjs imports).
 */
import type { APIMessage } from 'discord-api-types/v10';
import { backfill, type FetchMessagesPage } from './discord-backfill.ts';
import { snowflakeFromTime } from './discord-format.ts';
import { compareMessageIds } from './question-event.ts';

export type BackfillOutcome =
  { ok: true; messages: number; after: string } | { ok: false; error: unknown; retryInMs: number };

export type BackfillSchedulerOptions = {
  /** Largest message id already stored; null means "messages since `reset()`". */
  initialCursor: string | null;
  now: () => number;
  retryDelayMs: number;
  /** Deadline for one run. */
  timeoutMs: number;
  channelIds(): string[];
  fetchPage: FetchMessagesPage;
  onMessage(message: APIMessage): void;
  /** Milliseconds a rate-limit error asks us to wait (0 for other errors). */
  retryAfterOf(error: unknown): number;
  onOutcome(outcome: BackfillOutcome): void;
};

export type BackfillScheduler = {
  /** Sets the cursor to the initial one (or to now); call when the source starts. */
  reset(): void;
  /** A message arrived (gateway or backfill). */
  noteMessage(messageId: string): void;
  /** A fresh session began (READY, not RESUMED): events since the cursor may be lost, so fetch them. */
  sessionStarted(): void;
  stop(): void;
};

export function createBackfillScheduler(options: BackfillSchedulerOptions): BackfillScheduler {
  let newest = options.initialCursor ?? snowflakeFromTime(options.now());
  /** Cursor of an open gap; it stays put until a backfill succeeds, even across reconnects. */
  let gapFrom: string | null = null;
  let running: AbortController | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function run(): Promise<void> {
    running?.abort();
    clearTimeout(retryTimer);
    if (stopped || gapFrom === null) return;
    const controller = new AbortController();
    running = controller;
    const after = gapFrom;
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(options.timeoutMs)]);
    try {
      const result = await backfill({
        channelIds: options.channelIds(),
        after,
        fetchPage: options.fetchPage,
        onMessage: options.onMessage,
        signal,
      });
      if (running !== controller) return;
      gapFrom = null;
      options.onOutcome({ ok: true, messages: result.messages, after });
    } catch (error) {
      if (stopped || running !== controller) return;
      const retryInMs = Math.max(options.retryDelayMs, options.retryAfterOf(error));
      retryTimer = setTimeout(() => void run(), retryInMs);
      options.onOutcome({ ok: false, error, retryInMs });
    } finally {
      if (running === controller) running = null;
    }
  }

  return {
    reset() {
      newest = options.initialCursor ?? snowflakeFromTime(options.now());
      gapFrom = null;
    },
    noteMessage(messageId) {
      if (compareMessageIds(messageId, newest) > 0) newest = messageId;
    },
    sessionStarted() {
      gapFrom ??= newest;
      void run();
    },
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      running?.abort();
    },
  };
}
