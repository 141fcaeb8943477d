/**
 * @module Gaps drawn as gaps (pure): where two consecutive points of a time series are further apart than the
 * series' own step allows, a null point goes between them, so the chart (`spanGaps: false`) breaks the line there
 * instead of drawing a straight line across seconds that have no data.
 */

import { pointCount, xAt, type Points } from './chart-points.ts';

export type GapPoint = { x: number; y: number | null };

/**
 * `points` sorted by x; `maxStepMs`: the longest step that is still one continuous line (undefined: never break).
 * Returns the same array when nothing is missing.
 */
export function breakGaps<P extends GapPoint>(
  points: readonly P[],
  maxStepMs: number | undefined,
): readonly (P | GapPoint)[] {
  if (maxStepMs === undefined || !(maxStepMs > 0) || points.length < 2) return points;
  let out: (P | GapPoint)[] | null = null;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as P;
    const b = points[i] as P;
    if (b.x - a.x > maxStepMs) {
      out ??= points.slice(0, i);
      out.push({ x: (a.x + b.x) / 2, y: null });
    }
    out?.push(b);
  }
  return out ?? points;
}

/** How many breaks `breakGaps` would insert (for the charts' `data-gaps`, which tests read). */
export function countGaps(points: Points, maxStepMs: number | undefined): number {
  if (maxStepMs === undefined || !(maxStepMs > 0)) return 0;
  let n = 0;
  for (let i = 1; i < pointCount(points); i++) if (xAt(points, i) - xAt(points, i - 1) > maxStepMs) n++;
  return n;
}
