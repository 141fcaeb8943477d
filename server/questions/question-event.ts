/**
 * @module Normalized question events: what a source (Discord today) tells the question book, independent of its wire
 * format.
 */

/** One chat message as the book needs it. Display values are already plain, readable text. */
export type MessageSnapshot = {
  messageId: string;
  /** The channel the message lives in: the configured channel or one of its threads. */
  channelId: string;
  author: {
    /** Platform user id; used to count registrations per person, never sent to dashboards. */
    id: string;
    name: string;
    avatarUrl: string | null;
  };
  content: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds of the edit this snapshot reflects, or null if never edited. */
  editedAt: number | null;
  /**
   * Lower bound on distinct voters, for snapshots fetched over REST (backfill), which carry only
   * per-emoji counts and not who reacted. Zero for live messages.
   */
  voteFloor: number;
};

export type QuestionEvent =
  /** A message was posted (or replayed / backfilled: the book dedupes by message id). */
  | { type: 'created'; message: MessageSnapshot }
  /** A message was edited; `message.editedAt` orders edits, older ones are ignored. */
  | { type: 'updated'; message: MessageSnapshot }
  | { type: 'deleted'; messageId: string }
  /** `emoji` is a stable key: the custom emoji id, or the unicode character. */
  | { type: 'reaction-added'; messageId: string; userId: string; emoji: string; bot: boolean }
  | { type: 'reaction-removed'; messageId: string; userId: string; emoji: string }
  /** All reactions (`emoji` null) or all reactions with one emoji were removed by a moderator. */
  | { type: 'reactions-cleared'; messageId: string; emoji: string | null }
  /** A registration that did not come from a chat message (e.g. a web form), keyed per person. */
  | { type: 'registration'; key: string };

/** The question id for a Discord message. */
export const discordQuestionId = (messageId: string): string => `discord-${messageId}`;

/** Orders numeric string ids such as Discord snowflakes (longer is larger) without BigInt. */
export const compareMessageIds = (a: string, b: string): number =>
  a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
