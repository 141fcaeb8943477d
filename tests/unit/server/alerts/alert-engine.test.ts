/** The alert engine's hysteresis: hold time before raising, clear level and hold time before clearing. */
import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../../../shared/alert.ts';
import { evaluateRules, type EngineState } from '../../../../server/alerts/alert-engine.ts';

const rule: AlertRule = {
  id: 'low',
  enabled: true,
  metric: 'low-bitrate-share',
  kbps: 300,
  direction: 'above',
  threshold: 28,
  clearAt: 20,
  forSec: 30,
  clearForSec: 10,
  minViewers: 0,
  action: 'check-uplink',
};

/** Feeds one value per second from t = 0 and records when the alert went up and down. */
function run(values: Array<number | null>, rules: AlertRule[] = [rule]) {
  let state: EngineState = {};
  const events: string[] = [];
  values.forEach((value, i) => {
    const result = evaluateRules(rules, state, () => value, i * 1000);
    state = result.state;
    for (const r of result.raised) events.push(`raised@${r.t / 1000}=${r.value}`);
    for (const c of result.cleared) events.push(`cleared@${c.t / 1000}=${c.value}`);
  });
  return { events, state };
}

const repeat = (value: number | null, n: number): Array<number | null> => Array.from({ length: n }, () => value);

describe('alert engine', () => {
  it('raises only after the condition held for forSec without a break', () => {
    expect(run(repeat(30, 30)).events).toEqual([]);
    expect(run(repeat(30, 31)).events).toEqual(['raised@30=30']);
    // A dip below the threshold restarts the hold time.
    expect(run([...repeat(30, 20), 27, ...repeat(30, 31)]).events).toEqual(['raised@51=30']);
  });

  it('stays up between clearAt and threshold, and clears after clearForSec past clearAt', () => {
    const values = [...repeat(35, 31), ...repeat(25, 20), ...repeat(15, 11)];
    expect(run(values).events).toEqual(['raised@30=35', 'cleared@61=15']);
  });

  it('returns to firing without a second raise when the value bounces back during recovery', () => {
    const values = [...repeat(35, 31), ...repeat(10, 5), ...repeat(40, 5), ...repeat(10, 11)];
    const { events } = run(values);
    expect(events).toEqual(['raised@30=35', 'cleared@51=10']);
  });

  it('treats missing data as recovered', () => {
    const values = [...repeat(35, 31), ...repeat(null, 11)];
    expect(run(values).events).toEqual(['raised@30=35', 'cleared@41=null']);
  });

  it('fires immediately with forSec 0 and clears immediately with clearForSec 0', () => {
    const quick = { ...rule, forSec: 0, clearForSec: 0 };
    expect(run([10, 30, 30, 19], [quick]).events).toEqual(['raised@1=30', 'cleared@3=19']);
  });

  it('handles "below" rules (e.g. median bitrate under 250 kbps)', () => {
    const floor: AlertRule = {
      ...rule,
      id: 'floor',
      metric: 'bitrate-p50',
      direction: 'below',
      threshold: 250,
      clearAt: 400,
      forSec: 2,
      clearForSec: 2,
    };
    expect(run([300, 240, 200, 100, 300, 500, 500, 500], [floor]).events).toEqual(['raised@3=100', 'cleared@7=500']);
  });

  it('clears an up alert at once when its rule is disabled or removed', () => {
    const up = run(repeat(35, 31)).state;
    const disabled = evaluateRules([{ ...rule, enabled: false }], up, () => 35, 40_000, [rule]);
    expect(disabled.cleared.map((c) => c.rule.id)).toEqual(['low']);
    expect(disabled.state).toEqual({});
    const removed = evaluateRules([], up, () => 35, 40_000, [rule]);
    expect(removed.cleared.map((c) => c.rule.id)).toEqual(['low']);
  });

  it('keeps rules in ok out of the state', () => {
    expect(run(repeat(5, 3)).state).toEqual({});
    expect(run(repeat(30, 3)).state).toEqual({ low: { status: 'pending', since: 0 } });
  });
});
