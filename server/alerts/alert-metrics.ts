/**
 * @module The value each alert metric has at one tick (pure). Shares are percent of watching viewers; a rule's
 * `minViewers` turns small audiences into "no data" so one bad viewer out of three does not page the host.
 */
import type { AlertMetric, AlertRule } from '../../shared/alert.ts';
import type { Tick } from '../../shared/tick.ts';

export type MetricInput = {
  tick: Tick;
  /** Ticks of this phase up to and including `tick`, oldest first (for rates). */
  history: readonly Tick[];
  /** Current bitrate of each watching viewer, kbit/s (only needed by `low-bitrate-share`). */
  viewerKbps: () => readonly number[];
};

/** Metrics that need the per-viewer bitrates, which the tick does not carry. */
export const needsViewerKbps = (rules: readonly AlertRule[]): boolean => rules.some((r) => r.enabled && r.metric === 'low-bitrate-share');

const totalFailures = (tick: Tick): number => Object.values(tick.failures).reduce((sum, n) => sum + (n ?? 0), 0);

/** Failures reported during the minute before `history`'s last tick (fewer seconds at the start of a phase). */
export function failuresLastMinute(history: readonly Tick[]): number | null {
  const latest = history[history.length - 1];
  if (!latest) return null;
  let base: Tick | undefined;
  for (let i = history.length - 1; i >= 0; i--) {
    const tick = history[i] as Tick;
    if (latest.t - tick.t >= 60_000) {
      base = tick;
      break;
    }
  }
  // No tick a minute old yet: count everything since the phase began (failures start at zero).
  return totalFailures(latest) - (base ? totalFailures(base) : 0);
}

export function shareBelow(kbps: number, values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let below = 0;
  for (const x of values) if (x < kbps) below += 1;
  return (100 * below) / values.length;
}

function raw(metric: AlertMetric, rule: AlertRule, input: MetricInput): number | null {
  const { tick } = input;
  switch (metric) {
    case 'poor-share': {
      const graded = tick.bands.good + tick.bands.fair + tick.bands.poor;
      return graded === 0 ? null : (100 * tick.bands.poor) / graded;
    }
    case 'low-bitrate-share':
      return shareBelow(rule.kbps ?? 300, input.viewerKbps());
    case 'bitrate-p10':
      return tick.bitrateKbps?.p10 ?? null;
    case 'bitrate-p50':
      return tick.bitrateKbps?.p50 ?? null;
    case 'loss-p90':
      return tick.lossPct?.p90 ?? null;
    case 'rtt-p90':
      return tick.rttMs?.p90 ?? null;
    case 'jitter-buffer-p90':
      return tick.jitterBufferMs?.p90 ?? null;
    case 'freezes-p90':
      return tick.freezesPerMin?.p90 ?? null;
    case 'failure-rate':
      return failuresLastMinute(input.history);
    case 'sfu-gap':
      return tick.viewers.sfuGap;
  }
}

/** The rule's metric at this tick, or null (no data, or fewer watching viewers than `minViewers`). */
export function metricValue(rule: AlertRule, input: MetricInput): number | null {
  if (input.tick.viewers.watching < rule.minViewers) return null;
  const value = raw(rule.metric, rule, input);
  return value === null || !Number.isFinite(value) ? null : Math.round(value * 100) / 100;
}
