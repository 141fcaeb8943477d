/**
 * @module The report timeline as chart points. Each displayed point is a bucket reduced without averaging
 * (docs/report.md), so a series is drawn as its max line over its min line: a one-second spike stays visible at any
 * zoom. A gap longer than two buckets (nobody ticked) breaks the line instead of bridging it.
 */
import type { Span, TimelinePoint } from '../../../../shared/event-report.ts';
import type { Point } from '../../lib/line-chart.svelte.ts';

/** Points of `pick` with a null inserted wherever the timeline skips more than two buckets. */
export function timelinePoints(points: readonly TimelinePoint[], pick: (p: TimelinePoint) => number | null): Point[] {
  const out: Point[] = [];
  let prev: TimelinePoint | undefined;
  for (const p of points) {
    if (prev && p.t - prev.t > 2 * prev.seconds * 1000) out.push({ x: prev.t + prev.seconds * 1000, y: null });
    out.push({ x: p.t, y: pick(p) });
    prev = p;
  }
  return out;
}

export const spanMax = (s: Span): number | null => (s ? s.max : null);
export const spanMin = (s: Span): number | null => (s ? s.min : null);

/** Max and min of one span series, for a band chart (max line, min line filled up to it). */
export function spanPoints(
  points: readonly TimelinePoint[],
  pick: (p: TimelinePoint) => Span,
): { max: Point[]; min: Point[] } {
  return { max: timelinePoints(points, (p) => spanMax(pick(p))), min: timelinePoints(points, (p) => spanMin(pick(p))) };
}

/** The points inside a range (plus one on each side so lines reach the edges). */
export function inRange<T extends { t: number }>(points: readonly T[], from: number, to: number): T[] {
  let start = points.findIndex((p) => p.t >= from);
  if (start < 0) return [];
  start = Math.max(0, start - 1);
  let end = points.length;
  for (let i = start; i < points.length; i++) {
    if ((points[i] as T).t > to) {
      end = i + 1;
      break;
    }
  }
  return points.slice(start, end);
}

/** The other event's viewers curve moved onto this event's clock: both start at `origin`. */
export function alignedWatching(points: readonly TimelinePoint[], ownStart: number | null, origin: number): Point[] {
  if (ownStart === null) return [];
  return timelinePoints(points, (p) => p.watching.max).map((pt) => ({ x: pt.x - ownStart + origin, y: pt.y }));
}
