/**
 * @module EventReport: the post-event report of one event phase (`GET /api/events/:id/report`), its parts and the
 * share-link and past-event payloads. Minutes are viewer-minutes; times are ms since epoch; null = nothing to say.
 */
import * as v from 'valibot';
import type { AlertNotice } from './alert.ts';
import type { Phase } from './event.ts';
import type { FailureCategory, FunnelStage } from './funnel.ts';
import type { Marker } from './marker.ts';
import type { QuestionSource } from './question.ts';
import type { QualityBand, QualityReason, SessionEnding } from './tick.ts';

/** The Event Experience Score and its sub-scores, each 0–100 (docs/report.md); null when there is no input for it. */
export type ExperienceScore = {
  score: number | null;
  /** Joined ÷ attempts. */
  joinSuccess: number | null;
  /** Time to first frame of the joined sessions. */
  startup: number | null;
  /** Share of watching time frozen or stalled. */
  smoothness: number | null;
  /** Resolution of the watching time. */
  picture: number | null;
  /** Packet loss of the watching time. */
  network: number | null;
};

export type BandMinutes = Record<QualityBand, number>;

export type FailureTally = {
  category: FailureCategory;
  /** Failure reports of this category (a retrying session may report several). */
  reports: number;
  /** Distinct sessions that reported it. */
  sessions: number;
};

export type ReportSummary = {
  score: ExperienceScore;
  /** Highest number of viewers watching in one second; 0 for an empty phase. */
  peakViewers: number;
  /** Viewer-seconds watching ÷ the phase's ticked seconds; null when the phase never ticked. */
  avgViewers: number | null;
  /** Sessions of the phase (one per page and phase, however often it reconnected). */
  sessions: number;
  /** Sessions that reached their first frame. */
  uniqueViewers: number;
  /** Watching viewer-minutes, from the 1 s ticks. */
  viewerMinutes: number;
  /**
   * Graded watching viewer-minutes per band, from the 1 s ticks (their sum may be below `viewerMinutes`: ungraded
   * seconds).
   */
  bandMinutes: BandMinutes;
  /** Share of the graded minutes per band; null when nothing was graded (never "100 % Good of 0"). */
  bandShares: BandMinutes | null;
  join: { attempts: number; joined: number; rate: number | null; failures: FailureTally[] };
  /** Sessions by how they ended; `open` = no ending recorded (still on the page, or the record stops there). */
  endings: Record<SessionEnding | 'open', number>;
  /** Page open → first frame of the joined sessions, ms (nearest rank); null without any. */
  ttffMs: { p50: number; p90: number; n: number } | null;
  /** First and last ticked second of the phase; null when it never ticked. */
  from: number | null;
  to: number | null;
};

/** A Fair or Poor dimension, ranked by the viewer-minutes it took (docs/report.md "What hurt most"). */
export type Problem = {
  kind: `${Exclude<QualityBand, 'good'>}-${QualityReason}`;
  band: Exclude<QualityBand, 'good'>;
  reason: QualityReason;
  viewerMinutes: number;
  /** Share of all graded viewer-minutes (0–1). */
  share: number;
  /** The worst stretch of it (from the 1 s ticks), or null when the ticks never named this reason. */
  from: number | null;
  to: number | null;
  /** The browser and OS with over half of the affected minutes, or null when no pair dominates. */
  mostly: { browser: string; os: string; share: number } | null;
  sessions: number;
};

/** min/max over a timeline bucket of one per-second series; null when no second in the bucket had a value. */
export type Span = { min: number; max: number } | null;

/** One displayed point: `seconds` ticks from `t`, reduced without averaging (docs/report.md "Timeline"). */
export type TimelinePoint = {
  t: number;
  seconds: number;
  watching: { min: number; max: number };
  /** Band counts of the bucket's worst second (most Poor, then most Fair viewers). */
  bands: BandMinutes;
  bitrateP50: Span;
  /** Lowest p10 bitrate of the bucket (the worst-served viewers). */
  bitrateP10Min: number | null;
  lossP90: Span;
  freezesP90: Span;
  rttP90: Span;
  jitterBufferP90: Span;
  /** Failures reported during the bucket (difference of the cumulative counts). */
  failures: number;
};

export const BREAKDOWN_DIMENSIONS = ['browser', 'os', 'codec', 'decoder', 'resolution', 'connection'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export type BreakdownRow = {
  /** The value, e.g. `Safari`, `AV1`, `720p`, `srflx/udp`; `unknown` when the record has none. */
  key: string;
  sessions: number;
  /** Watching viewer-minutes, from the 10 s history. */
  viewerMinutes: number;
  score: ExperienceScore;
  /** Sessions with a failure ÷ sessions; null for none. */
  failureRate: number | null;
};

export type ReportSession = {
  /** The viewer's session id; in a shared report a stable pseudonym (`s1`, `s2`, …). */
  sessionId: string;
  /** Server time the page was first seen, and when it ended (or was last seen), ms since epoch. */
  joinedAt: number;
  leftAt: number;
  durationS: number;
  browser: string;
  browserVersion: string;
  os: string;
  codec: string | null;
  minutes: BandMinutes & { ungraded: number };
  ttffMs: number | null;
  score: number | null;
  failures: number;
  /** The failure standing against the session at its end, or null. */
  failure: FailureCategory | null;
  reconnects: number;
  ending: SessionEnding | null;
  stage: FunnelStage | null;
};

export type ReportQuestion = {
  id: string;
  source: QuestionSource;
  createdAt: number;
  /** Null in a shared report (no author names leave the host's hands). */
  author: string | null;
  /** Empty when deleted, and in a shared report when the host hid it. */
  content: string;
  votes: number;
  answered: boolean;
  hidden: boolean;
  deleted: boolean;
};

export type AttendanceFunnel = {
  /** Distinct Discord registrations; null when the event has no Discord channel. */
  registrations: number | null;
  /** Sessions that opened the watch page (any record in this phase). */
  opened: number;
  /** Sessions that reached their first frame. */
  watched: number;
  /** Sessions per furthest funnel stage reached or passed. */
  stages: Record<FunnelStage, number>;
};

export type EventReport = {
  eventId: string;
  title: string;
  phase: Phase;
  /** When this report was built, ms since epoch. */
  builtAt: number;
  /** True for a report opened through a share link (pseudonymous sessions, no author names). */
  shared: boolean;
  summary: ReportSummary;
  problems: Problem[];
  timeline: TimelinePoint[];
  breakdowns: Record<BreakdownDimension, BreakdownRow[]>;
  sessions: ReportSession[];
  markers: Marker[];
  alerts: AlertNotice[];
  questions: ReportQuestion[];
  attendance: AttendanceFunnel;
};

/** `POST /api/events/:id/share?days=&phase=` query: link lifetime in days (1–365, default 30). */
export const ShareDaysSchema = v.optional(
  v.pipe(
    v.string(),
    v.regex(/^\d{1,3}$/, 'must be a whole number of days'),
    v.transform(Number),
    v.minValue(1),
    v.maxValue(365),
  ),
  '30',
);

export type ShareLink = { url: string; apiUrl: string; expiresAt: string; phase: Phase };

/** The tables an event phase exports (`GET /api/events/:id/export/<table>.csv|.parquet`), beside `report.json`. */
export const EXPORT_TABLES = ['sessions', 'ticks', 'failures', 'questions'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
export type ExportFile = `${ExportTable}.${'csv' | 'parquet'}` | 'report.json';

/** `GET /api/reports`: one past or current event for the dashboard's start page. */
export type EventSummaryRow = {
  eventId: string;
  title: string;
  phase: Phase;
  /** The scheduled start, else the first ticked second, else creation (ISO 8601). */
  date: string;
  /** Phase summarised (`defaultViewPhase`). */
  reportPhase: Phase;
  peakViewers: number;
  viewerMinutes: number;
  score: number | null;
};
