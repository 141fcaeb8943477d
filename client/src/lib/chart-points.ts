/**
 * @module A chart series' points, as objects or packed: x, y pairs in one Float64Array, NaN where there is no value.
 * The dashboard's live series are built packed (host/series.ts): a series recomputed every few seconds is then one
 * block of memory outside the JS heap, not hundreds of objects that live just long enough to be promoted and make
 * the garbage collector's major collections (and the seconds they fall in) frequent. It is also what crosses to the
 * chart worker.
 */

export type Point = { x: number; y: number | null };

export type Points = readonly Point[] | Float64Array;

export const pointCount = (points: Points): number =>
  points instanceof Float64Array ? points.length / 2 : points.length;

export const xAt = (points: Points, i: number): number =>
  points instanceof Float64Array ? (points[2 * i] as number) : (points[i] as Point).x;

export function yAt(points: Points, i: number): number | null {
  if (!(points instanceof Float64Array)) return (points[i] as Point).y;
  const y = points[2 * i + 1] as number;
  return Number.isNaN(y) ? null : y;
}

export function hasValue(points: Points): boolean {
  for (let i = 0; i < pointCount(points); i++) if (yAt(points, i) !== null) return true;
  return false;
}

/** `n` points, the i-th at `x(i)` with the value `y(i)`, packed. */
export function packedPoints(n: number, x: (i: number) => number, y: (i: number) => number | null): Float64Array {
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = x(i);
    xy[2 * i + 1] = y(i) ?? Number.NaN;
  }
  return xy;
}

/** The points packed (the same array when they already are). */
export const packPoints = (points: Points): Float64Array =>
  points instanceof Float64Array
    ? points
    : packedPoints(
        points.length,
        (i) => (points[i] as Point).x,
        (i) => (points[i] as Point).y,
      );

export function unpackPoints(xy: Float64Array): Point[] {
  const points: Point[] = new Array(xy.length / 2);
  for (let i = 0; i < points.length; i++) points[i] = { x: xAt(xy, i), y: yAt(xy, i) };
  return points;
}
