/** @module One viewer as the dashboard reads it over REST: its latest state, and its stored history. */
import type { FailureReport, FunnelStage } from './funnel.ts';
import type { Phase } from './event.ts';
import type { QualityBand, QualityReason, SessionEnding, ViewerState } from './tick.ts';

/** `GET /api/events/:id/viewers?phase=`: one row per viewing session of the phase, ended ones included (marked). */
export type ViewerSummary = {
  sessionId: string;
  state: ViewerState;
  /** Whether its socket is connected now (a viewer stays listed for a short reconnect grace). */
  connected: boolean;
  browser: string;
  browserVersion: string;
  os: string;
  codec: string | null;
  kbps: number | null;
  lossPct: number | null;
  jitterBufferMs: number | null;
  rttMs: number | null;
  fps: number | null;
  height: number | null;
  band: QualityBand | null;
  reason: QualityReason | null;
  stage: FunnelStage | null;
  failure: FailureReport | null;
  /** Server time, ms since epoch. */
  firstSeen: number;
  lastSeen: number;
  /** How the session ended, or null while it is open. */
  ending: SessionEnding | null;
  /** Server time the session ended, ms since epoch; null while open. */
  endedAt: number | null;
  /** Socket connections this session made (1 = never reconnected). */
  connects: number;
};

/** `GET /api/events/:id/viewers/:sessionId/history`: one 10 s bucket of one viewer. */
export type HistoryRow = {
  eventId: string;
  /** The phase of the session this bucket belongs to. */
  phase: Phase;
  sessionId: string;
  /** Bucket start, ms since epoch (stored at 1 s resolution). */
  t: number;
  state: ViewerState;
  /** kbit/s, stored whole. */
  kbps: number | null;
  /** Percent, stored to 0.01. */
  lossPct: number | null;
  jitterMs: number | null;
  jitterBufferMs: number | null;
  rttMs: number | null;
  /** Frames per second, stored to 0.1. */
  fps: number | null;
  /** Frame height, px. */
  height: number | null;
  /** Freezes that ended in the bucket. */
  freezes: number;
  freezeMs: number;
  /** Percent of received audio samples, stored to 0.01. */
  concealPct: number | null;
  band: QualityBand | null;
};
