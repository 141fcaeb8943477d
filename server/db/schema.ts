/** @module Kysely table types (`DB`): the stored shape of every table, snake_case, with units. */
import type { Generated } from 'kysely';
import type { Phase } from '../../shared/event.ts';

export interface EventsTable {
  id: string;
  title: string;
  /** ISO 8601 text exactly as entered, or null when unscheduled. */
  scheduled_start: string | null;
  /** `scheduled_start` as ms since epoch, for ordering (offsets make the text unsortable). */
  scheduled_start_ms: number | null;
  phase: Phase;
  /** JSON text of `SoraSettings`, or null. */
  sora: string | null;
  /** JSON text of `DiscordSettings`. */
  discord: string;
  /** ms since epoch. */
  created_at: number;
  /** ms since epoch. */
  updated_at: number;
}

/** One viewing session in one phase of an event (a session that lives through a phase change has a row in each). */
export interface ViewerSessionsTable {
  event_id: string;
  /** Chosen by the client; unique within an event and phase. */
  session_id: string;
  /** Numeric surrogate id used by `viewer_history`; assigned by the database on insert. */
  ref: Generated<number>;
  /** The phase this record belongs to (part of the primary key). */
  phase: Phase;
  browser: string;
  browser_version: string;
  os: string;
  /** ms since epoch. */
  first_seen: number;
  /** ms since epoch. */
  last_seen: number;
  /** Highest stored sample `seq`; used to drop resent samples after a server restart. */
  last_seq: number;
  /** `ViewerState` at the last flush. */
  state: string;
  codec: string | null;
  /** Page open → first decoded frame, ms; null until the first frame. */
  ttff_ms: number | null;
  /** `FailureCategory` of the failure standing against the session, or null. */
  failure_category: string | null;
  /** Furthest `FunnelStage` reached, or null. */
  stage: string | null;
  /** JSON text of `Partial<Record<FunnelStage, number>>`: when each stage was first reached, viewer's clock (ms). */
  stage_times: Generated<string>;
  /** JSON text of the newest accepted `StatsSample` (cumulative counters: enough to continue after a restart). */
  checkpoint: string | null;
  /** JSON text of the `FailureReport` standing against the session, or null. */
  failure: string | null;
  /** Server time the session ended, ms since epoch; null while open. */
  ended_at: number | null;
  /** `SessionEnding`, or null while open. */
  ending: string | null;
  /** Socket connections made by this session (count). */
  connects: Generated<number>;
  /** JSON text of its `SessionTotals` (server/report/session-totals.ts); null if recorded before they were kept. */
  totals: string | null;
}

/** Per-viewer history at 10 s resolution, small integers only (see server/storage/history-codec.ts). */
export interface ViewerHistoryTable {
  /** `viewer_sessions.ref`. */
  session_ref: number;
  /** Bucket start, seconds since epoch. */
  t: number;
  /** Index into `VIEWER_STATES`. */
  state: number;
  /** Payload bitrate, kbit/s. */
  kbps: number | null;
  /** Packet loss, basis points (1/100 of a percent). */
  loss_bp: number | null;
  jitter_ms: number | null;
  jitter_buffer_ms: number | null;
  rtt_ms: number | null;
  /** Frames per second × 10. */
  fps_x10: number | null;
  /** Frame height, px. */
  height: number | null;
  /** Freezes that ended in the bucket (count). */
  freezes: number;
  /** Total duration of those freezes, ms. */
  freeze_ms: number;
  /** Audible audio concealment, basis points of received samples. */
  conceal_bp: number | null;
  /** Index into `QUALITY_BANDS`, null when not graded. */
  band: number | null;
}

export interface TicksTable {
  event_id: string;
  phase: Phase;
  /** Start of the second the tick covers, ms since epoch. */
  t: number;
  /** JSON text of the `Tick`. */
  body: string;
}

export interface FailuresTable {
  id: Generated<number>;
  event_id: string;
  phase: Phase;
  session_id: string;
  /** `FailureCategory`. */
  category: string;
  /** When the viewer saw the failure, ms since epoch. */
  t: number;
  browser: string;
  os: string;
  /** JSON text of the report's evidence: stage, code, reason, title, message (absent keys omitted). */
  evidence: string;
}

export interface DB {
  events: EventsTable;
  viewer_sessions: ViewerSessionsTable;
  viewer_history: ViewerHistoryTable;
  ticks: TicksTable;
  failures: FailuresTable;
}

/** The two supported engines; migrations and a few maintenance queries differ, application queries do not. */
export type SqlDialect = 'sqlite' | 'postgres';
