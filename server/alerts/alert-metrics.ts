/**
 * @module The value each alert metric has at one tick (pure). Shares are percent of watching viewers; a rule's
 * `minViewers` turns small audiences into "no data" so one bad viewer out of three does not page the host. Rates and
 * shares over a window count events between the tick and the newest tick a window older, and a rule's `minCount`
 * turns too few events into "no data" the same way (one viewer retrying is not a wave of join failures).
 */
import {
  COUNTED_METRICS,
  DEFAULT_WINDOW_SEC,
  isUploadMetric,
  type AlertMetric,
  type AlertRule,
} from '../../shared/alert.ts';
import { countOf, JOIN_FAILURES } from '../../shared/failure-groups.ts';
import type { Tick } from '../../shared/tick.ts';
import { uploadValue, type UploadAlertReading } from './upload-metrics.ts';

export type MetricInput = {
  tick: Tick;
  /** Ticks of this phase up to and including `tick`, oldest first (for rates). */
  history: readonly Tick[];
  /** Current bitrate of each watching viewer, kbit/s (only needed by `low-bitrate-share`). */
  viewerKbps: () => readonly number[];
  /** The broadcaster's upload in this phase (the upload metrics); null or absent when nobody reports. */
  upload?: () => UploadAlertReading | null;
};

/** A metric's value and, for counted metrics, the count behind it. */
export type Reading = { value: number | null; count: number | null };

/** Metrics that need the per-viewer bitrates, which the tick does not carry. */
export const needsViewerKbps = (rules: readonly AlertRule[]): boolean =>
  rules.some((r) => r.enabled && r.metric === 'low-bitrate-share');

/**
 * The tick a window before the last one: the newest at least `windowMs` older. When the history is younger than
 * that (a new phase, or a server that just restarted with the phase's totals restored), its oldest tick: counting
 * from zero would take a whole phase's failures for the last minute's.
 */
export function windowBase(history: readonly Tick[], windowMs: number): Tick | undefined {
  const latest = history[history.length - 1];
  if (!latest) return undefined;
  for (let i = history.length - 2; i >= 0; i--) {
    const tick = history[i] as Tick;
    if (latest.t - tick.t >= windowMs) return tick;
  }
  return history[0];
}

/** What happened in the window before the last tick: join failures, joins, drops, no-media, and who was watching. */
export type WindowCounts = {
  joinFailures: number;
  joined: number;
  drops: number;
  noMedia: number;
  watchingBefore: number;
};

export function windowCounts(history: readonly Tick[], windowMs: number): WindowCounts | null {
  const latest = history[history.length - 1];
  const base = windowBase(history, windowMs);
  if (!latest || !base) return null;
  const delta = (f: (t: Tick) => number) => Math.max(0, f(latest) - (base === latest ? 0 : f(base)));
  const young = base === latest; // a single tick: it is the phase's first, counted from zero
  return {
    joinFailures: delta((t) => countOf(t.failures, JOIN_FAILURES)),
    joined: delta((t) => t.funnel['first-frame']),
    drops: delta((t) => countOf(t.failures, ['dropped'])),
    noMedia: delta((t) => countOf(t.failures, ['no-media'])),
    watchingBefore: young ? 0 : base.viewers.watching,
  };
}

/** Join failures in the minute before `history`'s last tick. */
export function failuresLastMinute(history: readonly Tick[]): number | null {
  return windowCounts(history, 60_000)?.joinFailures ?? null;
}

export function shareBelow(kbps: number, values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let below = 0;
  for (const x of values) if (x < kbps) below += 1;
  return (100 * below) / values.length;
}

const share = (count: number, of: number): Reading => ({
  value: of > 0 ? Math.min(100, (100 * count) / of) : null,
  count,
});
const plain = (value: number | null | undefined): Reading => ({ value: value ?? null, count: null });

function windowed(metric: AlertMetric, rule: AlertRule, history: readonly Tick[]): Reading {
  const w = windowCounts(history, (rule.windowSec ?? DEFAULT_WINDOW_SEC) * 1000);
  if (!w) return { value: null, count: null };
  // Attempts that ended in the window: got a picture, failed to join, or connected without one; and a rejoin for
  // each drop (the watch page retries after a drop, and a session's funnel counts its first join only, so without
  // this an SFU restart's few failed rejoins would be 100 % of almost no attempts).
  const attempts = w.joined + w.joinFailures + w.noMedia + w.drops;
  switch (metric) {
    case 'failure-rate':
      return { value: w.joinFailures, count: w.joinFailures };
    case 'join-failure-share':
      return share(w.joinFailures, attempts);
    case 'no-media-share':
      return share(w.noMedia, attempts);
    default: // drop-share: of everyone who could drop (watching at the window's start, or got in during it)
      return share(w.drops, w.watchingBefore + w.joined);
  }
}

function raw(metric: AlertMetric, rule: AlertRule, input: MetricInput): Reading {
  const { tick } = input;
  switch (metric) {
    case 'poor-share': {
      const graded = tick.bands.good + tick.bands.fair + tick.bands.poor;
      return plain(graded === 0 ? null : (100 * tick.bands.poor) / graded);
    }
    case 'low-bitrate-share':
      return plain(shareBelow(rule.kbps ?? 300, input.viewerKbps()));
    case 'bitrate-p10':
      return plain(tick.bitrateKbps?.p10);
    case 'bitrate-p50':
      return plain(tick.bitrateKbps?.p50);
    case 'loss-p90':
      return plain(tick.lossPct?.p90);
    case 'rtt-p90':
      return plain(tick.rttMs?.p90);
    case 'jitter-buffer-p90':
      return plain(tick.jitterBufferMs?.p90);
    case 'freezes-p90':
      return plain(tick.freezesPerMin?.p90);
    case 'failure-rate':
    case 'join-failure-share':
    case 'drop-share':
    case 'no-media-share':
      return windowed(metric, rule, input.history);
    case 'sfu-gap':
      return plain(tick.viewers.sfuGap);
    case 'sfu-gap-share': {
      const { sfu, sfuGap } = tick.viewers;
      return sfu === null || sfuGap === null ? { value: null, count: null } : share(Math.max(0, sfuGap), sfu);
    }
    case 'upload-stalled':
    case 'upload-cpu-limited':
    case 'upload-bandwidth-limited':
    case 'upload-loss':
      return plain(uploadValue(metric, input.upload?.() ?? null));
  }
}

const round = (x: number): number => Math.round(x * 100) / 100;

/**
 * The rule's metric at this tick with its count. The value is null when unknown, with fewer watching viewers than
 * `minViewers` (except for the upload's metrics), or (counted metrics) with fewer events than `minCount`.
 */
export function metricReading(rule: AlertRule, input: MetricInput): Reading {
  // The upload is judged with or without an audience.
  if (!isUploadMetric(rule.metric) && input.tick.viewers.watching < rule.minViewers)
    return { value: null, count: null };
  const { value, count } = raw(rule.metric, rule, input);
  if (count !== null && COUNTED_METRICS.includes(rule.metric) && count < (rule.minCount ?? 0))
    return { value: null, count };
  return { value: value === null || !Number.isFinite(value) ? null : round(value), count };
}

export const metricValue = (rule: AlertRule, input: MetricInput): number | null => metricReading(rule, input).value;
