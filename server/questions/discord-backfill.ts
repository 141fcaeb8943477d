/**
 * @module Gap recovery: pages `GET /channels/{id}/messages?after=…&limit=100` forward and hands messages over oldest
 * first.
 */
import type { APIMessage } from 'discord-api-types/v10';
import { compareMessageIds } from './question-event.ts';

/** Discord's maximum `limit` for the channel messages endpoint. */
export const BACKFILL_PAGE_SIZE = 100;
/** Per channel; 50 pages = 5,000 messages, far more than one outage produces. */
const DEFAULT_MAX_PAGES = 50;

/** One `GET /channels/{channelId}/messages?after=…&limit=100`; Discord answers newest first. */
export type FetchMessagesPage = (channelId: string, after: string, signal: AbortSignal) => Promise<APIMessage[]>;

export type BackfillOptions = {
  channelIds: readonly string[];
  /** Only messages with a larger id are fetched. */
  after: string;
  fetchPage: FetchMessagesPage;
  onMessage(message: APIMessage): void;
  signal: AbortSignal;
  maxPages?: number;
};

export type BackfillResult = {
  messages: number;
  /** Largest message id fetched, or null if the gap was empty. */
  newest: string | null;
  /** False when a channel hit `maxPages` before reaching the present. */
  complete: boolean;
};

/** Runs the backfill; rejects with the fetcher's error (rate limit, timeout, HTTP) or when `signal` aborts. */
export async function backfill(options: BackfillOptions): Promise<BackfillResult> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const result: BackfillResult = { messages: 0, newest: null, complete: true };
  for (const channelId of options.channelIds) {
    let after = options.after;
    for (let page = 0; ; page++) {
      if (page === maxPages) {
        result.complete = false;
        break;
      }
      options.signal.throwIfAborted();
      const batch = await options.fetchPage(channelId, after, options.signal);
      options.signal.throwIfAborted();
      const fresh = batch
        .filter((message) => compareMessageIds(message.id, after) > 0)
        .sort((a, b) => compareMessageIds(a.id, b.id));
      for (const message of fresh) options.onMessage(message);
      result.messages += fresh.length;
      const last = fresh.at(-1);
      if (last !== undefined && (result.newest === null || compareMessageIds(last.id, result.newest) > 0)) {
        result.newest = last.id;
      }
      // A short page is the present; an empty or non-advancing one would otherwise loop forever.
      if (batch.length < BACKFILL_PAGE_SIZE || last === undefined) break;
      after = last.id;
    }
  }
  return result;
}
