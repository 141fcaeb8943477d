/**
 * @module A session's running report totals (pure): each stored 10 s history bucket folded in as it is written, so a
 * report reads one row per session instead of every bucket. Thresholds mirror shared/quality.ts per bucket and are
 * documented in docs/report.md; a bucket written again (a restart inside a bucket) replaces its earlier version.
 */
import { QUALITY_BANDS, VIEWER_STATES, type QualityReason } from '../../shared/tick.ts';
import type { EncodedHistory } from '../storage/history-codec.ts';
import { emptyHistory, type HistoryAggregate, type ProblemKind } from './report-input.ts';
import { BUCKET_MS, PICTURE_POINTS } from './report-score.ts';

/** The totals and the newest bucket folded into them (kept so that a rewrite of that bucket replaces it). */
export type SessionTotals = HistoryAggregate & { last: EncodedHistory | null };

export const emptyTotals = (): SessionTotals => ({ ...emptyHistory(), last: null });

const WATCHING = VIEWER_STATES.indexOf('watching');
const FAIR = QUALITY_BANDS.indexOf('fair');
const POOR = QUALITY_BANDS.indexOf('poor');

type Condition = readonly [QualityReason, (h: EncodedHistory) => boolean];
const over = (x: number | null, limit: number): boolean => x !== null && x > limit;

/** Per band, in QUALITY_RULES priority order; a non-Good bucket that meets none of them was a stall. */
const CONDITIONS: Record<'fair' | 'poor', readonly Condition[]> = {
  poor: [
    ['freeze', (h) => h.freeze_ms > BUCKET_MS * 0.05 || (h.freezes > 0 && h.freeze_ms > 2000 * h.freezes)],
    ['loss', (h) => over(h.loss_bp, 500)],
    ['concealment', (h) => over(h.conceal_bp, 500)],
    ['jitter-buffer', (h) => over(h.jitter_buffer_ms, 500)],
    ['rtt', (h) => over(h.rtt_ms, 400)],
  ],
  fair: [
    ['freeze', (h) => h.freeze_ms > BUCKET_MS * 0.01],
    ['loss', (h) => over(h.loss_bp, 100)],
    ['concealment', (h) => over(h.conceal_bp, 100)],
    ['jitter-buffer', (h) => over(h.jitter_buffer_ms, 150)],
    ['rtt', (h) => over(h.rtt_ms, 250)],
  ],
};

/** The band and dimension a non-Good bucket counts under, e.g. `poor-loss`; null for Good or ungraded buckets. */
export function problemKind(h: EncodedHistory): ProblemKind | null {
  const band = h.band === POOR ? 'poor' : h.band === FAIR ? 'fair' : null;
  if (band === null) return null;
  const reason = CONDITIONS[band].find(([, met]) => met(h))?.[0] ?? 'stall';
  return `${band}-${reason}`;
}

export function picturePoints(height: number): number {
  return PICTURE_POINTS.find(([min]) => height >= min)?.[1] ?? 0;
}

function apply(t: SessionTotals, h: EncodedHistory, sign: 1 | -1): void {
  if (h.state === WATCHING) t.watching += sign;
  if (h.band !== null) {
    const band = QUALITY_BANDS[h.band];
    if (band) t[band] += sign;
  }
  t.frozenMs += sign * h.freeze_ms;
  if (h.height !== null) {
    t.pictureSum += sign * picturePoints(h.height);
    t.pictureN += sign;
  }
  if (h.loss_bp !== null) {
    t.lossBpSum += sign * h.loss_bp;
    t.lossN += sign;
  }
  const kind = problemKind(h);
  if (kind) {
    const n = (t.kinds[kind] ?? 0) + sign;
    if (n > 0) t.kinds[kind] = n;
    else delete t.kinds[kind];
  }
}

export const copyTotals = (t: SessionTotals): SessionTotals => ({ ...t, kinds: { ...t.kinds } });

/**
 * Folds one bucket in (in place). A bucket older than the newest folded one is ignored; the newest one again replaces
 * it.
 */
export function addBucket(t: SessionTotals, h: EncodedHistory): SessionTotals {
  if (t.last !== null) {
    if (h.t < t.last.t) return t;
    if (h.t === t.last.t) apply(t, t.last, -1);
  }
  apply(t, h, 1);
  t.last = h;
  return t;
}

/** Totals of buckets in any order (the seed, and sessions recorded before totals were kept). */
export function totalsOf(buckets: readonly EncodedHistory[]): SessionTotals {
  const t = emptyTotals();
  for (const h of [...buckets].sort((a, b) => a.t - b.t)) addBucket(t, h);
  return t;
}

/** The report's view of the totals (without the bookkeeping). */
export function aggregateOf({ last: _last, ...aggregate }: SessionTotals): HistoryAggregate {
  return aggregate;
}
