/**
 * @module The failures panel's numbers (pure): per category its count in the phase, its share of join attempts (drops:
 * of viewers who got in), the last minute, and whether that minute is above or below the phase's usual minute.
 * "Couldn't join", "no picture" and "dropped" are kept apart (shared/failure-groups.ts); endings are not failures.
 */
import { FAILURE_GROUPS, failureGroup, type FailureGroup } from '../../../../shared/failure-groups.ts';
import { FAILURE_CATEGORIES, type FailureCategory } from '../../../../shared/funnel.ts';
import type { Tick } from '../../../../shared/tick.ts';

export type Trend = 'up' | 'down' | 'flat';

export type CategoryRow = {
  key: FailureCategory;
  group: FailureGroup;
  /** Reports in the phase so far. */
  count: number;
  /** Percent of the group's base (join attempts, or viewers who got in for drops); null without a base. */
  pct: number | null;
  /** Reports in the last minute. */
  lastMinute: number;
  /** The last minute against the minutes before it; null with less than two minutes of ticks. */
  trend: Trend | null;
};

export type GroupRow = Omit<CategoryRow, 'key'> & { rows: CategoryRow[] };

export type Breakdown = {
  /** Join attempts that ended: viewers who reached their first frame plus join failures. */
  attempts: number;
  /** Viewers who reached their first frame. */
  joined: number;
  /** Every failure report of the phase (endings excluded). */
  total: number;
  lastMinute: number;
  /** The three groups in a fixed order, each with its categories, largest first; empty groups included. */
  groups: GroupRow[];
};

export const WINDOW_MS = 60_000;
/** Less history than this gives no trend: the "usual minute" would be the last minute itself. */
const TREND_MIN_MS = 2 * WINDOW_MS;

type Counts = Map<FailureCategory, number>;

function countsOf(tick: Tick | undefined): Counts {
  const out: Counts = new Map();
  const f = tick?.failures;
  if (!f) return out;
  for (const c of FAILURE_CATEGORIES) {
    const n = Object.hasOwn(f, c) ? (f[c] ?? 0) : 0;
    if (n > 0 && failureGroup(c) !== null) out.set(c, n);
  }
  return out;
}

/** The newest tick at least `windowMs` older than the last one (ticks oldest first), or undefined. */
export function tickBefore(ticks: readonly Tick[], windowMs: number): Tick | undefined {
  const latest = ticks[ticks.length - 1];
  if (!latest) return undefined;
  for (let i = ticks.length - 2; i >= 0; i--) {
    const tick = ticks[i] as Tick;
    if (latest.t - tick.t >= windowMs) return tick;
  }
  return undefined;
}

/**
 * Up when the last minute is well above the average minute before it (1.5× and at least 2 more), down when it is
 * under half of an average of at least one, flat otherwise.
 */
export function trendOf(lastMinute: number, before: number, beforeMs: number): Trend | null {
  if (beforeMs < TREND_MIN_MS - WINDOW_MS) return null;
  const usual = (before * WINDOW_MS) / beforeMs;
  if (lastMinute >= Math.max(1.5 * usual, usual + 2)) return 'up';
  if (usual >= 1 && lastMinute < usual / 2) return 'down';
  return 'flat';
}

const pctOf = (n: number, base: number): number | null => (base > 0 ? (100 * n) / base : null);

/** Shapes the phase's ticks (oldest first, 1 s apart where possible) into the panel's rows. */
export function failureBreakdown(ticks: readonly Tick[]): Breakdown {
  const latest = ticks[ticks.length - 1];
  const now = countsOf(latest);
  // No tick a minute old: everything so far happened within the last minute (the phase began with zero).
  const base = tickBefore(ticks, WINDOW_MS);
  const then = countsOf(base);
  const first = ticks[0];
  const firstCounts = countsOf(first);
  const beforeMs = base && first ? base.t - first.t : 0;

  const joined = latest?.funnel['first-frame'] ?? 0;
  let joinFailures = 0;
  for (const [c, n] of now) if (failureGroup(c) === 'join') joinFailures += n;
  const attempts = joined + joinFailures;
  const baseOf = (group: FailureGroup): number => (group === 'dropped' ? joined : attempts);

  const row = (
    key: FailureCategory,
    group: FailureGroup,
    count: number,
    lastMinute: number,
    before: number,
  ): CategoryRow => ({
    key,
    group,
    count,
    pct: pctOf(count, baseOf(group)),
    lastMinute,
    trend: base ? trendOf(lastMinute, before, beforeMs) : null,
  });

  const groups: GroupRow[] = FAILURE_GROUPS.map((group) => {
    const rows: CategoryRow[] = [];
    for (const [key, count] of now) {
      if (failureGroup(key) !== group) continue;
      const atBase = then.get(key) ?? 0;
      rows.push(row(key, group, count, count - atBase, atBase - (firstCounts.get(key) ?? 0)));
    }
    rows.sort((a, b) => b.count - a.count || FAILURE_CATEGORIES.indexOf(a.key) - FAILURE_CATEGORIES.indexOf(b.key));
    const sum = (f: (r: CategoryRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    const count = sum((r) => r.count);
    const lastMinute = sum((r) => r.lastMinute);
    let before = 0;
    for (const r of rows) before += (then.get(r.key) ?? 0) - (firstCounts.get(r.key) ?? 0);
    return {
      group,
      count,
      pct: pctOf(count, baseOf(group)),
      lastMinute,
      trend: base ? trendOf(lastMinute, before, beforeMs) : null,
      rows,
    };
  });

  return {
    attempts,
    joined,
    total: groups.reduce((s, g) => s + g.count, 0),
    lastMinute: groups.reduce((s, g) => s + g.lastMinute, 0),
    groups,
  };
}
