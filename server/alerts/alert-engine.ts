/**
 * @module The alert engine (pure, time injected): per rule, a small state machine with hysteresis on both sides.
 * ok → pending when the value crosses `threshold`; pending → firing after `forSec` without a break (raised);
 * firing → recovering once the value is back past `clearAt`; recovering → ok after `clearForSec` there (cleared),
 * or back to firing if it crosses `clearAt` again. A missing value (no data) counts as recovered.
 */
import type { AlertRule } from '../../shared/alert.ts';

export type RuleStatus = 'ok' | 'pending' | 'firing' | 'recovering';
export type RuleState = { status: RuleStatus; since: number };
/** Per rule id; rules in `ok` are absent. */
export type EngineState = Readonly<Record<string, RuleState>>;

export type Transition = { rule: AlertRule; value: number | null; t: number };
export type Evaluation = { state: EngineState; raised: Transition[]; cleared: Transition[] };

export const breaches = (rule: AlertRule, value: number | null): boolean =>
  value !== null && (rule.direction === 'above' ? value >= rule.threshold : value <= rule.threshold);

/** True when the value is back on the good side of `clearAt` (or gone). */
export const recovered = (rule: AlertRule, value: number | null): boolean =>
  value === null || (rule.direction === 'above' ? value <= rule.clearAt : value >= rule.clearAt);

const isUp = (s: RuleState | undefined): boolean => s?.status === 'firing' || s?.status === 'recovering';

/** A rule id is the host's string (`constructor` is a valid one): read as an own key only (issue 10). */
const stateOf = (state: EngineState, id: string): RuleState | undefined =>
  Object.hasOwn(state, id) ? state[id] : undefined;

/**
 * Advances every rule by one observation at `now`. `valueOf` gives the rule's metric (null when unknown).
 * A disabled or removed rule that was up is cleared at once.
 */
export function evaluateRules(
  rules: readonly AlertRule[],
  previous: EngineState,
  valueOf: (rule: AlertRule) => number | null,
  now: number,
  previousRules: readonly AlertRule[] = rules,
): Evaluation {
  const state = Object.create(null) as Record<string, RuleState>;
  const raised: Transition[] = [];
  const cleared: Transition[] = [];
  const current = new Set(rules.filter((r) => r.enabled).map((r) => r.id));
  for (const rule of previousRules) {
    if (!current.has(rule.id) && isUp(stateOf(previous, rule.id))) cleared.push({ rule, value: null, t: now });
  }
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const before = stateOf(previous, rule.id) ?? { status: 'ok', since: now };
    const value = valueOf(rule);
    let next: RuleState | null = before;
    switch (before.status) {
      case 'ok':
      case 'pending':
        if (!breaches(rule, value)) next = null;
        else if (before.status === 'ok') next = { status: 'pending', since: now };
        if (next?.status === 'pending' && now - next.since >= rule.forSec * 1000) {
          next = { status: 'firing', since: now };
          raised.push({ rule, value, t: now });
        }
        break;
      case 'firing':
      case 'recovering':
        if (!recovered(rule, value)) next = before.status === 'firing' ? before : { status: 'firing', since: now };
        else if (before.status === 'firing') next = { status: 'recovering', since: now };
        if (next.status === 'recovering' && now - next.since >= rule.clearForSec * 1000) {
          next = null;
          cleared.push({ rule, value, t: now });
        }
        break;
    }
    if (next) state[rule.id] = next;
  }
  return { state, raised, cleared };
}
