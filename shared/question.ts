/**
 * @module Audience questions, host actions on them and the Discord connection status, shared by server and dashboard.
 */
import * as v from 'valibot';
import { EventIdSchema } from './event.ts';
import { MAX_REPORT_SAMPLES } from './limits.ts';
import { StatsSampleSchema, type StatsSample } from './stats-sample.ts';

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

/** A question as it arrives: not edited, withdrawn, voted on or acted on by the host. */
export const UNTOUCHED_QUESTION = {
  editedAt: null,
  deleted: false,
  votes: 0,
  answered: false,
  pinned: false,
  hidden: false,
} as const satisfies Partial<Question>;

/** What each host action sets on the question. */
export const QUESTION_ACTION_PATCHES: Record<QuestionAction, Partial<Question>> = {
  answer: { answered: true },
  unanswer: { answered: false },
  pin: { pinned: true },
  unpin: { pinned: false },
  hide: { hidden: true },
  unhide: { hidden: false },
};

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

/** Payload of `questions:list` (after `host:subscribe`) and of `GET /api/events/:id/questions`. */
export type QuestionsView = {
  /** Posting order, oldest first; tombstones and hidden questions included (the dashboard filters). */
  questions: Question[];
  /** Distinct people whose message matched the event's registration pattern: the funnel's "registered" step. */
  registrations: number;
  status: DiscordStatus;
};
export const QuestionsListSchema = v.object({ eventId: EventIdSchema });
export type QuestionsListRequest = v.InferOutput<typeof QuestionsListSchema>;
export type RegistrationsUpdate = { eventId: string; count: number };
export type DiscordStatusUpdate = { eventId: string; status: DiscordStatus };

/** Limits of the watch page's question and problem-report forms. */
export const MAX_WEB_QUESTION = 500;
export const MAX_WEB_NAME = 40;
/** A report keeps the samples of its last 30 s (by sample time, newest sample as reference). */
export const REPORT_WINDOW_MS = 30_000;
/** Per viewing session, beyond the per-connection guard: one question per 10 s, one report per 60 s. */
export const WEB_QUESTION_INTERVAL_MS = 10_000;
export const PROBLEM_REPORT_INTERVAL_MS = 60_000;
/** Content of a report sent without a description. */
export const DEFAULT_REPORT_CONTENT = 'Viewer reported a problem';

const viewerTime = v.pipe(v.number(), v.minValue(0), v.maxValue(1e14));
/** Plain text from a form: control characters (except tab and newline) removed, then trimmed. */
const formText = (max: number) =>
  v.pipe(
    v.string(),
    v.maxLength(max * 4),
    v.transform((text: string) => text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '').trim()),
    v.maxLength(max, `must be at most ${max} characters`),
  );

/** `viewer:question` from the watch page, e.g. `{ t, name: 'Aki', content: 'Will the slides be shared?' }`. */
export const ViewerQuestionSchema = v.object({
  /** Viewer's clock, ms since epoch. */
  t: viewerTime,
  name: v.optional(formText(MAX_WEB_NAME)),
  content: v.pipe(formText(MAX_WEB_QUESTION), v.minLength(1, 'must not be empty')),
});
export type ViewerQuestion = v.InferOutput<typeof ViewerQuestionSchema>;

export const BrowserInfoSchema = v.object({
  /** `navigator.userAgent`; the server keeps only the browser, version and OS parsed from it. */
  userAgent: v.pipe(v.string(), v.maxLength(512)),
  /** `navigator.language`, e.g. `ja-JP`. */
  language: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,35}$/, 'must be a language tag'))),
  /** CSS pixels and `devicePixelRatio`. */
  screen: v.optional(
    v.object({
      width: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
      height: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
      pixelRatio: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(16))),
    }),
  ),
});
export type BrowserInfo = v.InferOutput<typeof BrowserInfoSchema>;

/** `viewer:problem`: the viewer's "report a problem" button, with its recent samples. */
export const ProblemReportSchema = v.object({
  t: viewerTime,
  description: v.optional(formText(MAX_WEB_QUESTION)),
  /** The last 30 s of samples (older ones are dropped by the server), oldest first. */
  samples: v.pipe(v.array(StatsSampleSchema), v.maxLength(MAX_REPORT_SAMPLES)),
  browser: BrowserInfoSchema,
});
export type ProblemReport = v.InferOutput<typeof ProblemReportSchema>;

/** What a `report` question keeps: `GET /api/events/:id/questions/:questionId/snapshot`. */
export type ProblemSnapshot = {
  questionId: string;
  eventId: string;
  /** The reporting viewing session; its stored history is part of the event's report. */
  sessionId: string;
  /** Viewer's clock when reporting, ms; compare with `receivedAt` for clock skew. */
  t: number;
  /** Server clock, ms since epoch. */
  receivedAt: number;
  samples: StatsSample[];
  browser: {
    browser: string;
    browserVersion: string;
    os: string;
    language: string | null;
    screen: BrowserInfo['screen'] | null;
  };
};
