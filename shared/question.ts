/** @module Audience questions, host actions on them and the Discord connection status, shared by server and dashboard. */
import * as v from 'valibot';
import { EventIdSchema } from './event.ts';

export const QUESTION_SOURCES = ['discord', 'web', 'report'] as const;
export type QuestionSource = (typeof QUESTION_SOURCES)[number];

export const QUESTION_ACTIONS = ['answer', 'unanswer', 'pin', 'unpin', 'hide', 'unhide'] as const;
export type QuestionAction = (typeof QUESTION_ACTIONS)[number];

export const DISCORD_STATES = ['disabled', 'connecting', 'ready', 'resuming', 'error'] as const;
export type DiscordState = (typeof DISCORD_STATES)[number];

/** Discord allows 4,000 characters for Nitro users; anything longer did not come from Discord. */
export const MAX_QUESTION_CONTENT = 4_000;

const epochMs = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e14));
const snowflake = v.pipe(v.string(), v.regex(/^\d{1,20}$/, 'must be a Discord id (digits)'));

/** Question ids are URL-safe, e.g. `discord-1234567890` for a Discord message. */
export const QuestionIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be a question id'));

export const QuestionSchema = v.object({
  id: QuestionIdSchema,
  eventId: EventIdSchema,
  source: v.picklist(QUESTION_SOURCES),
  /** The Discord message id when `source` is `discord`. */
  messageId: v.nullable(snowflake),
  author: v.object({
    /** Display name as plain text; the dashboard renders it as text, never as HTML. */
    name: v.pipe(v.string(), v.maxLength(100)),
    avatarUrl: v.nullable(v.pipe(v.string(), v.maxLength(2048), v.url())),
  }),
  /** Plain text (mentions and custom emoji already made readable); empty once deleted. */
  content: v.pipe(v.string(), v.maxLength(MAX_QUESTION_CONTENT)),
  /** Epoch milliseconds. */
  createdAt: epochMs,
  /** Epoch milliseconds of the latest applied edit. */
  editedAt: v.nullable(epochMs),
  /** The author withdrew the question: content is wiped and only this tombstone remains. */
  deleted: v.boolean(),
  /** Distinct non-bot people who reacted with any emoji. */
  votes: v.pipe(v.number(), v.integer(), v.minValue(0)),
  answered: v.boolean(),
  pinned: v.boolean(),
  hidden: v.boolean(),
});
export type Question = v.InferOutput<typeof QuestionSchema>;

/** A host action from the dashboard, e.g. `{ eventId, questionId, action: 'answer' }`. */
export const QuestionActionSchema = v.object({
  eventId: EventIdSchema,
  questionId: QuestionIdSchema,
  action: v.picklist(QUESTION_ACTIONS),
});
export type QuestionActionRequest = v.InferOutput<typeof QuestionActionSchema>;

/** Health of the Discord connection, shown as a banner on the host dashboard. */
export const DiscordStatusSchema = v.object({
  state: v.picklist(DISCORD_STATES),
  /** What happened, e.g. `gateway closed with 4014`. */
  detail: v.optional(v.pipe(v.string(), v.maxLength(500))),
  /** What the host should do about it, in English and Japanese. */
  advice: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  /** Epoch milliseconds when this state began. */
  since: epochMs,
});
export type DiscordStatus = v.InferOutput<typeof DiscordStatusSchema>;
