/** Alert metric values from a tick: shares, percentiles, failures per minute, and the minViewers cut-off. */
import { describe, expect, it } from 'vitest';
import { type AlertRule } from '../../../../shared/alert.ts';
import { DEFAULT_ALERT_RULES } from '../../../../shared/alert-defaults.ts';
import {
  failuresLastMinute,
  metricValue,
  needsViewerKbps,
  shareBelow,
} from '../../../../server/alerts/alert-metrics.ts';
import { makeTick } from '../../../helpers/tick-factory.ts';

const rule = (patch: Partial<AlertRule>): AlertRule => ({
  ...(DEFAULT_ALERT_RULES[0] as AlertRule),
  minViewers: 0,
  ...patch,
});

describe('alert metrics', () => {
  it('computes the share of watching viewers under a bitrate', () => {
    expect(shareBelow(300, [100, 200, 400, 1000])).toBe(50);
    expect(shareBelow(300, [])).toBeNull();
    const tick = makeTick(0);
    const input = { tick, history: [tick], viewerKbps: () => [250, 299.9, 300, 2000] };
    expect(metricValue(rule({ metric: 'low-bitrate-share', kbps: 300 }), input)).toBe(50);
  });

  it('computes the Poor share over graded viewers only', () => {
    const tick = makeTick(0, { bands: { good: 6, fair: 1, poor: 1 } });
    expect(metricValue(rule({ metric: 'poor-share' }), { tick, history: [tick], viewerKbps: () => [] })).toBe(12.5);
    const none = makeTick(0, { bands: { good: 0, fair: 0, poor: 0 } });
    expect(
      metricValue(rule({ metric: 'poor-share' }), { tick: none, history: [none], viewerKbps: () => [] }),
    ).toBeNull();
  });

  it('reads percentiles and the SFU gap from the tick', () => {
    const tick = makeTick(0, {
      lossPct: { p10: 0, p50: 0.5, p90: 6.25, n: 10 },
      viewers: { ...makeTick(0).viewers, sfuGap: 12 },
    });
    const input = { tick, history: [tick], viewerKbps: () => [] };
    expect(metricValue(rule({ metric: 'loss-p90' }), input)).toBe(6.25);
    expect(metricValue(rule({ metric: 'bitrate-p10' }), input)).toBe(800);
    expect(metricValue(rule({ metric: 'sfu-gap' }), input)).toBe(12);
    expect(metricValue(rule({ metric: 'rtt-p90' }), input)).toBeNull();
  });

  it('counts failures in the last minute from the cumulative counts', () => {
    const history = [
      makeTick(0, { failures: { 'ice-failed': 2 } }),
      makeTick(30_000, { failures: { 'ice-failed': 3 } }),
      makeTick(60_000, { failures: { 'ice-failed': 5, 'join-timeout': 1 } }),
      makeTick(90_000, { failures: { 'ice-failed': 9, 'join-timeout': 1 } }),
    ];
    expect(failuresLastMinute(history.slice(0, 1))).toBe(2); // the phase's first tick: counted from zero
    expect(failuresLastMinute(history.slice(0, 2))).toBe(1); // younger than a minute: since the oldest tick kept
    expect(failuresLastMinute(history)).toBe(7); // 10 now − 3 at t = 30 s
    expect(failuresLastMinute([])).toBeNull();
  });

  it('gives no value below minViewers, so tiny audiences do not raise share alerts', () => {
    const tick = makeTick(0, {
      viewers: { ...makeTick(0).viewers, watching: 3 },
      bands: { good: 2, fair: 0, poor: 1 },
    });
    const input = { tick, history: [tick], viewerKbps: () => [] };
    expect(metricValue(rule({ metric: 'poor-share', minViewers: 5 }), input)).toBeNull();
    expect(metricValue(rule({ metric: 'poor-share', minViewers: 3 }), input)).toBe(33.33);
  });

  it('asks for per-viewer bitrates only when an enabled rule needs them', () => {
    expect(needsViewerKbps(DEFAULT_ALERT_RULES)).toBe(true);
    expect(needsViewerKbps([rule({ metric: 'low-bitrate-share', enabled: false })])).toBe(false);
  });
});
