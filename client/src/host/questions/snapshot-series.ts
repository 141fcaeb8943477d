/**
 * @module A problem report's samples as chart lines: bitrate, packet loss, frame rate and jitter-buffer delay
 * between consecutive samples (`deriveMetrics`), plotted at the later sample's time. Pure.
 */
import { deriveMetrics, type ViewerMetrics } from '../../../../shared/metrics.ts';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import { POLL_INTERVAL_MS } from '../../../../shared/limits.ts';
import type { Point } from '../../lib/line-chart.svelte.ts';

export const SNAPSHOT_METRICS = ['kbps', 'lossPct', 'fps', 'jitterBufferMs'] as const;
export type SnapshotMetric = (typeof SNAPSHOT_METRICS)[number];

/** Samples are taken every second: a step of one and a half is a missing sample, drawn as a gap. */
export const SNAPSHOT_GAP_MS = 1.5 * POLL_INTERVAL_MS;

export type SnapshotSeries = { points: Record<SnapshotMetric, Point[]>; xMin: number; xMax: number };

/** Samples in any order; an interval that cannot be derived (a reset, a gap backwards) gives no points. */
export function snapshotSeries(samples: readonly StatsSample[]): SnapshotSeries | null {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last || sorted.length < 2) return null;
  const points: Record<SnapshotMetric, Point[]> = { kbps: [], lossPct: [], fps: [], jitterBufferMs: [] };
  for (let i = 1; i < sorted.length; i += 1) {
    const cur = sorted[i] as StatsSample;
    const m: ViewerMetrics | null = deriveMetrics(sorted[i - 1] as StatsSample, cur);
    if (!m) continue;
    for (const key of SNAPSHOT_METRICS) points[key].push({ x: cur.t, y: m[key] });
  }
  return { points, xMin: first.t, xMax: last.t };
}
