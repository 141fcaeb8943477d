/**
 * @module Per-viewer 10 s history: natural units in `HistoryRow`, small integers in `viewer_history`.
 * Encoding (lossy only below the stated resolution; values are clamped to the column's range, never negative):
 * t → whole seconds; state/band → index into VIEWER_STATES/QUALITY_BANDS; kbps, jitter, jitter buffer, RTT,
 * freeze duration → whole units; loss and concealment → basis points (0.01 %); fps → tenths.
 */
import type { HistoryRow } from '../../shared/viewer.ts';
import { QUALITY_BANDS, VIEWER_STATES } from '../../shared/tick.ts';
import type { ViewerHistoryTable } from '../db/schema.ts';

/** The stored columns of one history row, without its session reference. */
export type EncodedHistory = Omit<ViewerHistoryTable, 'session_ref'>;

const SMALLINT_MAX = 32_767;
const INT_MAX = 2_147_483_647;

/** `x × factor` rounded and clamped to [0, max]; null for missing or non-finite input. */
function scaled(x: number | null, factor: number, max: number): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  return Math.min(max, Math.max(0, Math.round(x * factor)));
}

const unscaled = (x: number | null, factor: number): number | null => (x === null ? null : x / factor);

export function encodeHistory(row: HistoryRow): EncodedHistory {
  const band = row.band === null ? -1 : QUALITY_BANDS.indexOf(row.band);
  return {
    t: Math.floor(row.t / 1000),
    state: Math.max(0, VIEWER_STATES.indexOf(row.state)),
    kbps: scaled(row.kbps, 1, INT_MAX),
    loss_bp: scaled(row.lossPct, 100, SMALLINT_MAX),
    jitter_ms: scaled(row.jitterMs, 1, INT_MAX),
    jitter_buffer_ms: scaled(row.jitterBufferMs, 1, INT_MAX),
    rtt_ms: scaled(row.rttMs, 1, INT_MAX),
    fps_x10: scaled(row.fps, 10, SMALLINT_MAX),
    height: scaled(row.height, 1, SMALLINT_MAX),
    freezes: scaled(row.freezes, 1, SMALLINT_MAX) ?? 0,
    freeze_ms: scaled(row.freezeMs, 1, INT_MAX) ?? 0,
    conceal_bp: scaled(row.concealPct, 100, SMALLINT_MAX),
    band: band < 0 ? null : band,
  };
}

export function decodeHistory(
  eventId: string,
  phase: HistoryRow['phase'],
  sessionId: string,
  row: EncodedHistory,
): HistoryRow {
  return {
    eventId,
    phase,
    sessionId,
    t: row.t * 1000,
    state: VIEWER_STATES[row.state] ?? 'connected',
    kbps: row.kbps,
    lossPct: unscaled(row.loss_bp, 100),
    jitterMs: row.jitter_ms,
    jitterBufferMs: row.jitter_buffer_ms,
    rttMs: row.rtt_ms,
    fps: unscaled(row.fps_x10, 10),
    height: row.height,
    freezes: row.freezes,
    freezeMs: row.freeze_ms,
    concealPct: unscaled(row.conceal_bp, 100),
    band: row.band === null ? null : (QUALITY_BANDS[row.band] ?? null),
  };
}
