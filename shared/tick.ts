/** @module Tick: what every host dashboard receives once a second for one event. */
import type { Phase } from './event.ts';
import type { FailureCategory, FunnelStage } from './funnel.ts';

/** p10/p50/p90 across viewers; null when no viewer contributed a value. */
export type Dist = { p10: number; p50: number; p90: number; n: number } | null;

/** The viewer metrics a tick summarises across watching viewers, each as a `Dist`. */
export const VIEWER_DISTS = [
  'bitrateKbps',
  'lossPct',
  'jitterMs',
  'jitterBufferMs',
  'rttMs',
  'fps',
  'height',
  'freezesPerMin',
] as const;
export type ViewerDistKey = (typeof VIEWER_DISTS)[number];
/** Every `Dist` of a tick: the viewer metrics and the time to first frame. */
export type DistKey = ViewerDistKey | 'ttffMs';

export const QUALITY_BANDS = ['good', 'fair', 'poor'] as const;
export type QualityBand = (typeof QUALITY_BANDS)[number];

/** Why a viewer is not Good: the worst dimension decides (docs/quality.md). */
export const QUALITY_REASONS = ['stall', 'freeze', 'loss', 'concealment', 'jitter-buffer', 'rtt'] as const;
export type QualityReason = (typeof QUALITY_REASONS)[number];

export const VIEWER_STATES = ['connected', 'joining', 'watching', 'failed'] as const;
export type ViewerState = (typeof VIEWER_STATES)[number];

/**
 * How a viewing session ended (it leaves the counts then): `left` — the page said it was closing (pagehide);
 * `shutdown` — the broadcast was closed normally by the server (an ending, not a failure); `lost` — its socket
 * stayed gone past the reconnect grace without a word; `phase-end` — the event moved to another phase while it
 * was open. Any later message from the same session reopens it.
 */
export const SESSION_ENDINGS = ['left', 'shutdown', 'lost', 'phase-end'] as const;
export type SessionEnding = (typeof SESSION_ENDINGS)[number];

export type TickViewers = Record<ViewerState, number> & {
  /** Open sessions (sum of the four states); ended sessions are counted in `Tick.endings` instead. */
  total: number;
  /** Highest `watching` seen in this phase. */
  peak: number;
  /** Sora's own count of recvonly connections (webhook or notify), null when unknown. */
  sfu: number | null;
  /** `sfu − (watching + joining)`: viewers Sora sees that send no telemetry. */
  sfuGap: number | null;
};

export type Tick = {
  /** Start of the second this tick covers, ms since epoch. */
  t: number;
  eventId: string;
  phase: Phase;
  viewers: TickViewers;
  /**
   * Watching viewers per video codec (AV1, VP9, VP8, H264, H265, `other` for any other name, `unknown` when none).
   * This and the breakdowns below carry at most 24 keys (the rest summed as `other`); keys are labels a browser chose,
   * so read them as own keys only (`Object.hasOwn`), never `counts[key]` on a plain object (issue 10).
   */
  codecs: Record<string, number>;
  /** Watching viewers per decoder implementation, where the browser exposes it. */
  decoders: Record<string, number>;
  /** Watching viewers per resolution class (1080p, 720p, 480p, 360p, <360p). */
  resolutions: Record<string, number>;
  browsers: Record<string, number>;
  os: Record<string, number>;
  bands: Record<QualityBand, number>;
  /** Viewers per reason for being Fair or Poor. */
  reasons: Partial<Record<QualityReason, number>>;
  /** Viewers of this phase that reached each funnel stage (cumulative). */
  funnel: Record<FunnelStage, number>;
  /** Failures of this phase by category (cumulative). A normal end of the broadcast is not one: see `endings`. */
  failures: Partial<Record<FailureCategory, number>>;
  /** Sessions of this phase that have ended, by how (cumulative; a reopened session is no longer counted). */
  endings: Record<SessionEnding, number>;
  /** Time from page open to first decoded frame, across viewers of this phase. */
  ttffMs: Dist;
  /** Samples accepted and refused during this second. */
  ingest: { samples: number; invalid: number };
} & Record<ViewerDistKey, Dist>;
