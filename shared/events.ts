/**
 * @module The socket.io contract. Viewers use the `/viewer` namespace, host dashboards `/host`.
 * Every client → server event takes one payload and an ack that receives a `Result`.
 */
import * as v from 'valibot';
import type { AlertNotice } from './alert.ts';
import type { KansokuEvent } from './event.ts';
import { EventIdSchema, PhaseSchema, type Phase } from './event.ts';
import type { FailureRecord, FailureReport, FunnelStep, Preflight } from './funnel.ts';
import type { Marker } from './marker.ts';
import type { PublisherBatch } from './publisher-sample.ts';
import type { PublisherAck, PublisherStatus } from './publisher-status.ts';
import type {
  DiscordStatusUpdate,
  ProblemReport,
  Question,
  QuestionActionRequest,
  QuestionsListRequest,
  QuestionsView,
  RegistrationsUpdate,
  ViewerQuestion,
} from './question.ts';
import type { Result } from './result.ts';
import type { StatsBatch } from './stats-sample.ts';
import type { Tick } from './tick.ts';
import { SessionIdSchema, TicketSchema } from './viewer-ticket.ts';

export const VIEWER_NAMESPACE = '/viewer';
export const HOST_NAMESPACE = '/host';

/** `io(url + VIEWER_NAMESPACE, { auth })`: checked before the connection is accepted. */
export const ViewerAuthSchema = v.object({
  eventId: EventIdSchema,
  /** The session the ticket was minted for (the server mints both; reconnects reuse them). */
  sessionId: SessionIdSchema,
  /**
   * The viewer ticket (shared/viewer-ticket.ts): signed for this event and session, not expired; else `unauthorized`.
   */
  ticket: TicketSchema,
  /** Per-event viewer token, when the event requires one. */
  token: v.optional(v.pipe(v.string(), v.maxLength(512))),
});
export type ViewerAuth = v.InferOutput<typeof ViewerAuthSchema>;

export type Ack<T> = (result: Result<T>) => void;

/**
 * `viewer:hello`. `acks: 'compact'` asks for compact `viewer:stats` acks (a bare `ackSeq` while the cadence stays
 * what the socket was last told; issue 11: acks were a third of a viewer's wire bytes at 5 s). Servers that predate
 * it ignore the field and always answer in full.
 */
export const ViewerHelloSchema = v.object({ acks: v.optional(v.literal('compact')) });
export type ViewerHello = v.InferOutput<typeof ViewerHelloSchema>;

/** The server's answer to `viewer:hello`: resume point and cadence. */
export type ViewerWelcome = { lastSeq: number; sendIntervalMs: number };
/** The server's answer to `viewer:stats`: highest stored seq and the cadence to use from now on. */
export type FullStatsAck = { ackSeq: number; sendIntervalMs: number };
/** A full ack, or — to a socket that asked for compact acks — the bare `ackSeq`, meaning "cadence unchanged". */
export type StatsAck = FullStatsAck | number;

/** Sora's own viewer count as a viewer saw it in a `notify` message. */
export const SfuCountSchema = v.object({
  t: v.pipe(v.number(), v.minValue(0), v.maxValue(1e14)),
  recvonly: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000)),
});
export type SfuCount = v.InferOutput<typeof SfuCountSchema>;

export type ViewerClientEvents = {
  'viewer:hello': (hello: ViewerHello, ack: Ack<ViewerWelcome>) => void;
  'viewer:stats': (batch: StatsBatch, ack: Ack<StatsAck>) => void;
  'viewer:funnel': (step: FunnelStep, ack: Ack<null>) => void;
  'viewer:failure': (failure: FailureReport, ack: Ack<null>) => void;
  'viewer:preflight': (preflight: Preflight, ack: Ack<null>) => void;
  'viewer:sfu-count': (count: SfuCount, ack: Ack<null>) => void;
  /** A question from the watch page's form (source `web`); one per 10 s per viewing session, else `rate-limited`. */
  'viewer:question': (question: ViewerQuestion, ack: Ack<null>) => void;
  /** "Report a problem" with the last 30 s of samples (source `report`); one per 60 s per viewing session. */
  'viewer:problem': (report: ProblemReport, ack: Ack<null>) => void;
};
export type ViewerServerEvents = Record<string, never>;

/** `phase` defaults to `defaultViewPhase(event)`; live `tick`s arrive for the event's current phase only. */
export const HostSubscribeSchema = v.object({ eventId: EventIdSchema, phase: v.optional(PhaseSchema) });
export type HostSubscribe = v.InferOutput<typeof HostSubscribeSchema>;
/** `ticks`: the newest ticks of `phase` (from memory when it is the current phase, else from storage). */
export type HostSnapshot = { event: KansokuEvent; phase: Phase; ticks: Tick[] };

export type HostClientEvents = {
  'host:subscribe': (request: HostSubscribe, ack: Ack<HostSnapshot>) => void;
  'host:unsubscribe': (request: HostSubscribe, ack: Ack<null>) => void;
  /** The event's questions, registration count and Discord status; call right after `host:subscribe`. */
  'questions:list': (request: QuestionsListRequest, ack: Ack<QuestionsView>) => void;
  /** Answer / pin / hide a question (or undo); every dashboard of the event gets `question:updated`. */
  'question:act': (request: QuestionActionRequest, ack: Ack<Question>) => void;
  /**
   * The broadcaster's own upload (the publisher collector on `/publish/:eventId`): acked once stored, with the status
   * every dashboard of the event sees; refused as `rate-limited` beyond `MAX_PUBLISHERS_PER_EVENT` publishers.
   */
  'publisher:sample': (batch: PublisherBatch, ack: Ack<PublisherAck>) => void;
};
export type HostServerEvents = {
  tick: (tick: Tick) => void;
  'event:updated': (event: KansokuEvent) => void;
  'failure:new': (failure: FailureRecord) => void;
  /** A host dropped a marker (any dashboard, or REST). */
  'marker:new': (marker: Marker) => void;
  /** An alert rule's condition held for its hold time. */
  'alert:raised': (notice: AlertNotice) => void;
  /** A raised alert's metric stayed back on the good side for its clear time (or the phase changed). */
  'alert:cleared': (notice: AlertNotice) => void;
  /** A question arrived (Discord, the watch page's form, or a problem report). */
  'question:new': (question: Question) => void;
  /** Edited, deleted (tombstone), voted on, or acted on by a host; replaces the question with the same id. */
  'question:updated': (question: Question) => void;
  /** The event's registration count changed (the funnel's "registered" step). */
  'questions:registrations': (update: RegistrationsUpdate) => void;
  /** The event's Discord connection changed state; `status.advice` says what the host should do about an error. */
  'discord:status': (update: DiscordStatusUpdate) => void;
  /** The broadcaster's upload health: every second while a publisher reports, and once when it stops or goes quiet. */
  'publisher:status': (status: PublisherStatus) => void;
};
