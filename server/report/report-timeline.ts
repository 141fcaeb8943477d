/**
 * @module The report's timeline: the phase's 1 s ticks reduced to at most `MAX_TIMELINE_POINTS` points. Each point
 * covers `seconds` consecutive seconds and keeps, per series, the minimum and maximum of those seconds (and the
 * band counts of its worst second), so a one-second spike survives any zoom level: nothing is averaged.
 */
import type { BandMinutes, Span, TimelinePoint } from '../../shared/event-report.ts';
import type { Dist, Tick } from '../../shared/tick.ts';

export const MAX_TIMELINE_POINTS = 1_500;

type Pick = (d: NonNullable<Dist>) => number;

function span(ticks: readonly Tick[], dist: (t: Tick) => Dist, pick: Pick): Span {
  let min = Infinity;
  let max = -Infinity;
  for (const tick of ticks) {
    const d = dist(tick);
    if (!d) continue;
    const x = pick(d);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return min === Infinity ? null : { min, max };
}

const failuresOf = (tick: Tick): number => Object.values(tick.failures).reduce((sum, n) => sum + (n ?? 0), 0);

/** The second with the most Poor viewers (then the most Fair): the bucket's worst moment, not its mean. */
function worstBands(ticks: readonly Tick[]): BandMinutes {
  let worst = ticks[0] as Tick;
  for (const tick of ticks) {
    const b = tick.bands;
    if (b.poor > worst.bands.poor || (b.poor === worst.bands.poor && b.fair > worst.bands.fair)) worst = tick;
  }
  return { ...worst.bands };
}

function point(ticks: readonly Tick[], seconds: number, failuresBefore: number): TimelinePoint {
  const first = ticks[0] as Tick;
  const watching = ticks.map((t) => t.viewers.watching);
  const bitrateP10 = span(
    ticks,
    (t) => t.bitrateKbps,
    (d) => d.p10,
  );
  return {
    t: first.t,
    seconds,
    watching: { min: Math.min(...watching), max: Math.max(...watching) },
    bands: worstBands(ticks),
    bitrateP50: span(
      ticks,
      (t) => t.bitrateKbps,
      (d) => d.p50,
    ),
    bitrateP10Min: bitrateP10?.min ?? null,
    lossP90: span(
      ticks,
      (t) => t.lossPct,
      (d) => d.p90,
    ),
    freezesP90: span(
      ticks,
      (t) => t.freezesPerMin,
      (d) => d.p90,
    ),
    rttP90: span(
      ticks,
      (t) => t.rttMs,
      (d) => d.p90,
    ),
    jitterBufferP90: span(
      ticks,
      (t) => t.jitterBufferMs,
      (d) => d.p90,
    ),
    failures: Math.max(0, failuresOf(ticks[ticks.length - 1] as Tick) - failuresBefore),
  };
}

/** Bucket length in seconds so that the phase's span fits in `maxPoints` points. */
export function bucketSeconds(firstT: number, lastT: number, maxPoints = MAX_TIMELINE_POINTS): number {
  const seconds = Math.floor((lastT - firstT) / 1000) + 1;
  return Math.max(1, Math.ceil(seconds / maxPoints));
}

/** `ticks` oldest first. Buckets are aligned on the first tick; seconds without a tick are simply absent. */
export function downsampleTicks(ticks: readonly Tick[], maxPoints = MAX_TIMELINE_POINTS): TimelinePoint[] {
  const first = ticks[0];
  const last = ticks[ticks.length - 1];
  if (!first || !last) return [];
  const size = bucketSeconds(first.t, last.t, maxPoints);
  const points: TimelinePoint[] = [];
  let bucket: Tick[] = [];
  let key = -1;
  let failuresBefore = 0;
  const flush = () => {
    if (bucket.length === 0) return;
    points.push(point(bucket, size, failuresBefore));
    failuresBefore = failuresOf(bucket[bucket.length - 1] as Tick);
    bucket = [];
  };
  for (const tick of ticks) {
    const k = Math.floor((tick.t - first.t) / 1000 / size);
    if (k !== key) {
      flush();
      key = k;
    }
    bucket.push(tick);
  }
  flush();
  return points;
}
