/**
 * @module What the report builder reads: the stored record of one event phase, already reduced by the queries (no I/O
 * here).
 */
import type { AlertNotice } from '../../shared/alert.ts';
import type { KansokuEvent, Phase } from '../../shared/event.ts';
import type { FailureCategory, FunnelStage } from '../../shared/funnel.ts';
import type { Marker } from '../../shared/marker.ts';
import type { Question } from '../../shared/question.ts';
import type { QualityReason, SessionEnding, Tick } from '../../shared/tick.ts';

/** Bucket counts per non-Good band and the dimension that made it so, e.g. `poor-loss` (docs/report.md). */
export type ProblemKind = `${'fair' | 'poor'}-${QualityReason}`;

/** One session's 10 s history reduced in SQL (one GROUP BY pass): counts of 10 s buckets and sums for the score. */
export type HistoryAggregate = {
  /** Buckets in state `watching`. */
  watching: number;
  good: number;
  fair: number;
  poor: number;
  /** Sum of `freeze_ms` (freezes that ended in the session's buckets, stalls included once they end). */
  frozenMs: number;
  /** Σ picture points (docs/report.md) over buckets with a height, and how many. */
  pictureSum: number;
  pictureN: number;
  /** Σ loss in basis points over buckets with a loss value, and how many. */
  lossBpSum: number;
  lossN: number;
  kinds: Partial<Record<ProblemKind, number>>;
};

/** A session's record, with what the breakdowns need from its latest sample. */
export type SessionFacts = {
  sessionId: string;
  browser: string;
  browserVersion: string;
  os: string;
  codec: string | null;
  /** `decoderImplementation` of the latest sample, when the browser exposed it. */
  decoder: string | null;
  /** Local candidate type / protocol of the selected pair, e.g. `srflx/udp`. */
  connection: string | null;
  firstSeen: number;
  lastSeen: number;
  endedAt: number | null;
  ending: SessionEnding | null;
  connects: number;
  ttffMs: number | null;
  stage: FunnelStage | null;
  failure: FailureCategory | null;
  history: HistoryAggregate | null;
};

export type FailureCount = { sessionId: string; category: FailureCategory; reports: number };

export type ReportInput = {
  event: Pick<KansokuEvent, 'id' | 'title' | 'discord'>;
  phase: Phase;
  /** Every tick of the phase, oldest first. */
  ticks: readonly Tick[];
  sessions: readonly SessionFacts[];
  /** Failure reports per session and category. */
  failures: readonly FailureCount[];
  markers: readonly Marker[];
  /** Oldest first. */
  alerts: readonly AlertNotice[];
  questions: readonly Question[];
  /** Distinct registrations of the event. */
  registrations: number;
};

export const emptyHistory = (): HistoryAggregate => ({
  watching: 0,
  good: 0,
  fair: 0,
  poor: 0,
  frozenMs: 0,
  pictureSum: 0,
  pictureN: 0,
  lossBpSum: 0,
  lossN: 0,
  kinds: {},
});
