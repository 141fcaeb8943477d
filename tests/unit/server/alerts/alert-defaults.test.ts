/**
 * The default alert rules against simulated audiences (the demo's viewers, second by second): quiet for half an hour
 * of a healthy crowd of 30 or 200 (a quarter of an hour of 3,000), and raised by the faults a host must hear about — a
 * wave of join failures, an SFU restart, a broadcaster sending nothing, a loss spike — while autoplay blocks never
 * count as join failures.
 */
import { describe, expect, it } from 'vitest';
import { type AlertRule } from '../../../../shared/alert.ts';
import { DEFAULT_ALERT_RULES } from '../../../../shared/alert-defaults.ts';
import type { Tick } from '../../../../shared/tick.ts';
import { evaluateRules, type EngineState } from '../../../../server/alerts/alert-engine.ts';
import { metricValue } from '../../../../server/alerts/alert-metrics.ts';
import { simulateAudience, type AudienceOptions } from './simulated-audience.ts';

type Raised = { ruleId: string; atMin: number; value: number | null };

/**
 * Runs the default rules over the audience as the alert service does (one evaluation per tick) and lists what went up.
 */
function raisedBy(
  options: AudienceOptions,
  rules: readonly AlertRule[] = DEFAULT_ALERT_RULES,
): { raised: Raised[]; up: Set<string> } {
  const history: Tick[] = [];
  let state: EngineState = {};
  const raised: Raised[] = [];
  let t0 = 0;
  simulateAudience(options, (tick, kbps) => {
    t0 ||= tick.t;
    history.push(tick);
    if (history.length > 600) history.splice(0, history.length - 300);
    const result = evaluateRules(
      rules,
      state,
      (rule) => metricValue(rule, { tick, history, viewerKbps: () => kbps }),
      tick.t,
    );
    state = result.state;
    for (const r of result.raised)
      raised.push({ ruleId: r.rule.id, atMin: Math.round((r.t - t0) / 6_000) / 10, value: r.value });
  });
  const up = new Set(
    Object.entries(state)
      .filter(([, s]) => s.status === 'firing' || s.status === 'recovering')
      .map(([id]) => id),
  );
  return { raised, up };
}

const ids = (raised: readonly Raised[]) => [...new Set(raised.map((r) => r.ruleId))].sort();

describe('default alert rules on a healthy audience', () => {
  for (const size of [30, 200, 3_000]) {
    it(`stay quiet for ${size === 3_000 ? 15 : 30} minutes of ${size} viewers`, { timeout: 120_000 }, () => {
      // 3,000 viewers: one seed, and a quarter of an hour (the ramp and the steady state), to keep the suite fast.
      for (const seed of size === 3_000 ? [1] : [1, 2, 3]) {
        const { raised } = raisedBy({ size, seed, minutes: size === 3_000 ? 15 : 30 });
        expect(raised, `seed ${seed}`).toEqual([]);
      }
    });
  }
});

describe('default alert rules on faults', () => {
  it('raise join failures for a wave of refused joins, and clear after it', () => {
    // Sora is unreachable for new connections for two minutes while viewers keep arriving and retrying.
    const { raised, up } = raisedBy({
      size: 200,
      seed: 4,
      minutes: 16,
      faults: [{ kind: 'join-failures', category: 'signaling-unreachable', fromMin: 10, toMin: 12 }],
    });
    expect(ids(raised)).toEqual(['join-failures']);
    expect(raised[0]?.atMin).toBeGreaterThanOrEqual(10);
    expect(raised[0]?.atMin).toBeLessThan(11);
    expect(up.has('join-failures')).toBe(false); // cleared once joins work again
  });

  it('raise join failures at the start of a show whose channel refuses everyone (no retries)', () => {
    const { raised } = raisedBy({
      size: 200,
      seed: 5,
      minutes: 5,
      faults: [{ kind: 'join-failures', category: 'signaling-rejected', fromMin: 0, toMin: 5 }],
    });
    expect(ids(raised)).toContain('join-failures');
  });

  it('raise drops, not join failures, when an SFU restart drops everyone who then rejoins', () => {
    const { raised } = raisedBy({ size: 200, seed: 6, minutes: 15, faults: [{ kind: 'sfu-restart', atMin: 10 }] });
    expect(ids(raised)).toContain('drops');
    expect(ids(raised)).not.toContain('join-failures');
    expect(raised.find((r) => r.ruleId === 'drops')?.atMin).toBeGreaterThanOrEqual(10);
  });

  it('raise no-media when the broadcaster sends nothing', () => {
    const { raised } = raisedBy({ size: 200, seed: 7, minutes: 4, faults: [{ kind: 'no-media', fromMin: 0 }] });
    expect(ids(raised)).toContain('no-media');
    expect(ids(raised)).not.toContain('join-failures');
  });

  it('never count autoplay blocks as join failures', () => {
    const { raised } = raisedBy({
      size: 500,
      seed: 8,
      minutes: 5,
      faults: [{ kind: 'autoplay', fromMin: 0, toMin: 5 }],
    });
    expect(raised).toEqual([]);
  });

  it('raise Poor viewers and loss for a loss spike', () => {
    const { raised } = raisedBy({
      size: 200,
      seed: 9,
      minutes: 14,
      faults: [{ kind: 'loss', addPct: 8, fromMin: 10, toMin: 13 }],
    });
    expect(ids(raised)).toEqual(expect.arrayContaining(['loss', 'poor-viewers']));
    expect(Math.min(...raised.map((r) => r.atMin))).toBeGreaterThanOrEqual(10);
  });

  it('do not fire for one viewer retrying, however often', () => {
    const { raised } = raisedBy({
      size: 1,
      seed: 10,
      minutes: 10,
      faults: [{ kind: 'join-failures', category: 'ice-failed', fromMin: 0, toMin: 10 }],
    });
    expect(raised).toEqual([]);
  });
});
