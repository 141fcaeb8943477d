/**
 * Rates and shares over a window: join failures apart from drops, no-media and autoplay; minCount; the window's base.
 */
import { describe, expect, it } from 'vitest';
import { WebhookUrlSchema, type AlertRule } from '../../../../shared/alert.ts';
import { DEFAULT_ALERT_RULES } from '../../../../shared/alert-defaults.ts';
import * as v from 'valibot';
import type { Tick } from '../../../../shared/tick.ts';
import { metricReading, windowBase, windowCounts } from '../../../../server/alerts/alert-metrics.ts';
import { makeTick } from '../../../helpers/tick-factory.ts';

const rule = (patch: Partial<AlertRule>): AlertRule => ({
  ...(DEFAULT_ALERT_RULES[0] as AlertRule),
  minViewers: 0,
  ...patch,
});
const funnel = (joined: number): Tick['funnel'] => ({
  page: joined,
  preflight: joined,
  signaling: joined,
  offer: joined,
  connected: joined,
  'first-frame': joined,
  playing: joined,
});
const at = (t: number, joined: number, failures: Tick['failures'], watching = 100): Tick =>
  makeTick(t, { funnel: funnel(joined), failures, viewers: { ...makeTick(t).viewers, watching } });
const read = (r: AlertRule, history: Tick[]) =>
  metricReading(r, { tick: history[history.length - 1] as Tick, history, viewerKbps: () => [] });

describe('window metrics', () => {
  const history = [
    at(0, 100, { 'ice-failed': 1, 'autoplay-blocked': 5, dropped: 2 }),
    at(30_000, 110, { 'ice-failed': 2, 'autoplay-blocked': 9, dropped: 3 }),
    // In the last minute: 20 joined, 18 join failures, 40 autoplay blocks, 4 no-media, 6 drops.
    at(90_000, 130, {
      'ice-failed': 12,
      'join-timeout': 8,
      'autoplay-blocked': 49,
      'no-media': 4,
      dropped: 9,
      shutdown: 50,
    }),
  ];

  it('counts join failures only, against every attempt that ended in the window', () => {
    expect(windowBase(history, 60_000)?.t).toBe(30_000);
    expect(windowCounts(history, 60_000)).toEqual({
      joinFailures: 18,
      joined: 20,
      drops: 6,
      noMedia: 4,
      watchingBefore: 100,
    });
    // attempts = 20 joined + 18 join failures + 4 no-media + 6 rejoins after drops = 48
    expect(read(rule({ metric: 'join-failure-share' }), history)).toEqual({ value: 37.5, count: 18 });
    expect(read(rule({ metric: 'no-media-share' }), history)).toEqual({ value: 8.33, count: 4 });
    expect(read(rule({ metric: 'failure-rate' }), history)).toEqual({ value: 18, count: 18 });
  });

  it('shares drops among the viewers who could drop: watching at the start plus those who got in since', () => {
    expect(read(rule({ metric: 'drop-share' }), history)).toEqual({ value: 5, count: 6 }); // 6 of 100 + 20
  });

  it('gives no value with fewer events than minCount, and keeps the count', () => {
    expect(read(rule({ metric: 'join-failure-share', minCount: 19 }), history)).toEqual({ value: null, count: 18 });
    expect(read(rule({ metric: 'join-failure-share', minCount: 18 }), history).value).toBe(37.5);
    expect(read(rule({ metric: 'poor-share', minCount: 1_000 }), history).value).not.toBeNull(); // not a counted metric
  });

  it('takes the oldest tick kept as the base when the history is younger than the window', () => {
    // A restarted server restores the phase's totals: they are not the last minute's.
    const restored = [at(0, 500, { 'ice-failed': 300 }), at(5_000, 505, { 'ice-failed': 301 })];
    expect(read(rule({ metric: 'join-failure-share' }), restored)).toEqual({ value: 16.67, count: 1 });
    expect(
      read(rule({ metric: 'join-failure-share', windowSec: 10 }), [at(0, 0, {}), at(20_000, 0, {})]).value,
    ).toBeNull(); // no attempts
  });

  it('honours the rule window', () => {
    const later = [...history, at(100_000, 131, { 'ice-failed': 14, 'join-timeout': 8 })];
    expect(read(rule({ metric: 'failure-rate', windowSec: 10 }), later).count).toBe(2); // since t = 90 s
    expect(read(rule({ metric: 'failure-rate' }), later).count).toBe(20); // since t = 30 s
  });

  it('shares the viewers without telemetry out of Sora’s count', () => {
    const tick = makeTick(0, { viewers: { ...makeTick(0).viewers, sfu: 200, sfuGap: 30 } });
    expect(read(rule({ metric: 'sfu-gap-share', minCount: 10 }), [tick])).toEqual({ value: 15, count: 30 });
    expect(read(rule({ metric: 'sfu-gap-share' }), [makeTick(0)])).toEqual({ value: null, count: null });
  });

  it('accepts http(s) webhook URLs only, without credentials', () => {
    expect(v.is(WebhookUrlSchema, 'https://discord.com/api/webhooks/1/abc')).toBe(true);
    expect(v.is(WebhookUrlSchema, 'http://127.0.0.1:8080/hook')).toBe(true);
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ftp://x/y',
      'https://user:pw@example.com/',
      'not a url',
      `https://x/${'a'.repeat(2_000)}`,
    ]) {
      expect(v.is(WebhookUrlSchema, bad), bad).toBe(false);
    }
  });
});
