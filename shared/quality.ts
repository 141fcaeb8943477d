/**
 * @module Quality bands: each viewer is Good, Fair or Poor by its worst dimension over the last ~10 s.
 * Thresholds and their sources are in docs/quality.md; the tick counts viewers per band and per reason.
 */
import type { ViewerMetrics } from './metrics.ts';
import type { QualityBand, QualityReason } from './tick.ts';

/** An average freeze longer than this makes a viewer Poor by itself, whatever the share of the window frozen. */
export const LONG_FREEZE_MS = 2_000;

/**
 * `fair`/`poor`: the band starts above these; `unit` of those lines as shown to the host (the dashboard's rules popover
 * is written from this list); null for a yes/no measure, where anything above zero is Poor.
 */
type Rule = {
  reason: QualityReason;
  fair: number;
  poor: number;
  unit: '%' | 'ms' | null;
  value: (m: ViewerMetrics) => number | null;
};

/** In priority order: when two dimensions are equally bad, the first one is named as the reason. */
export const QUALITY_RULES: readonly Rule[] = [
  { reason: 'stall', fair: 0, poor: 0, unit: null, value: (m) => (m.stalled ? 1 : 0) },
  {
    reason: 'freeze',
    fair: 1,
    poor: 5,
    unit: '%',
    // Share of the window spent frozen (%); one long freeze on average counts as Poor by itself.
    value: (m) => (m.freezes > 0 && m.freezeMs / m.freezes > LONG_FREEZE_MS ? 100 : (100 * m.freezeMs) / m.dtMs),
  },
  { reason: 'loss', fair: 1, poor: 5, unit: '%', value: (m) => m.lossPct },
  { reason: 'concealment', fair: 1, poor: 5, unit: '%', value: (m) => m.concealPct },
  { reason: 'jitter-buffer', fair: 150, poor: 500, unit: 'ms', value: (m) => m.jitterBufferMs },
  { reason: 'rtt', fair: 250, poor: 400, unit: 'ms', value: (m) => m.rttMs },
];

export type Grade = { band: QualityBand; reason: QualityReason | null };

/** The band of one viewer, with the dimension that decided it (null when Good). */
export function gradeViewer(m: ViewerMetrics): Grade {
  let grade: Grade = { band: 'good', reason: null };
  for (const rule of QUALITY_RULES) {
    const x = rule.value(m);
    if (x === null) continue;
    if (x > rule.poor) return { band: 'poor', reason: rule.reason };
    if (x > rule.fair && grade.band === 'good') grade = { band: 'fair', reason: rule.reason };
  }
  return grade;
}
