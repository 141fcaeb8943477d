/**
 * @module Chart series from ticks (pure): percentiles, plain values, shares of a breakdown, and "top N" keys. The
 * series are packed (lib/chart-points.ts); while live, a panel's SeriesMemo (series-memo.ts) computes them for the
 * ticks that arrived since the last bucket.
 */
import { packedPoints } from '../lib/chart-points.ts';
import type { DistKey, Tick } from '../../../shared/tick.ts';
import { countOf, distValue, type RecordKey } from './packed-tick.ts';

export type Quantile = 'p10' | 'p50' | 'p90';

const tickTime = (ticks: readonly Tick[]) => (i: number) => (ticks[i] as Tick).t;

export function valueSeries(ticks: readonly Tick[], value: (t: Tick) => number | null): Float64Array {
  return packedPoints(ticks.length, tickTime(ticks), (i) => value(ticks[i] as Tick));
}

export function distSeries(ticks: readonly Tick[], key: DistKey, q: Quantile): Float64Array {
  return valueSeries(ticks, (t) => distValue(t, key, q));
}

/** One count of a record per tick (`missing` where a tick lacks it). */
export function countSeries<R extends RecordKey>(
  ticks: readonly Tick[],
  record: R,
  key: keyof Tick[R] & string,
  missing: number | null = null,
): Float64Array {
  return valueSeries(ticks, (t) => countOf(t, record, key) ?? missing);
}

const sum = (counts: Record<string, number | undefined>): number =>
  Object.values(counts).reduce<number>((s, n) => s + (n ?? 0), 0);

/** Each key's share of the tick's total, percent (null where the total is zero). `other` collects keys not listed. */
export function shareSeries(
  ticks: readonly Tick[],
  counts: (t: Tick) => Record<string, number | undefined>,
  keys: readonly string[],
  withOther = false,
): Record<string, Float64Array> {
  const all = [...keys, ...(withOther ? ['other'] : [])];
  const out: Record<string, Float64Array> = Object.fromEntries(all.map((k) => [k, new Float64Array(2 * ticks.length)]));
  ticks.forEach((t, i) => {
    const c = counts(t);
    const total = sum(c);
    let listed = 0;
    const put = (k: string, n: number) => {
      const xy = out[k] as Float64Array;
      xy[2 * i] = t.t;
      xy[2 * i + 1] = total > 0 ? (100 * n) / total : Number.NaN;
    };
    for (const k of keys) {
      // Keys are browser labels: read own keys only, or `constructor` would add a function (issue 10).
      const n = (Object.hasOwn(c, k) ? c[k] : undefined) ?? 0;
      listed += n;
      put(k, n);
    }
    if (withOther) put('other', total - listed);
  });
  return out;
}

/** The `n` keys with the largest counts, summed over the ticks given (use the latest tick for "now"). */
export function topKeys(
  ticks: readonly Tick[],
  counts: (t: Tick) => Record<string, number | undefined>,
  n: number,
  order?: readonly string[],
): string[] {
  const totals = new Map<string, number>();
  for (const t of ticks) for (const [k, v] of Object.entries(counts(t))) totals.set(k, (totals.get(k) ?? 0) + (v ?? 0));
  return sortedTop(totals, n, order);
}

/** The `n` keys with the largest totals (ties by name), then in `order` when given. */
export function sortedTop(totals: ReadonlyMap<string, number>, n: number, order?: readonly string[]): string[] {
  const keys = [...totals.entries()]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([k]) => k);
  return order ? keys.sort((a, b) => rank(order, a) - rank(order, b)) : keys;
}

const rank = (order: readonly string[], key: string): number => {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
};

/** A breakdown as sorted rows with shares, for bar lists: the top `n`, the rest folded into "other". */
export function breakdown(
  counts: Record<string, number | undefined> | undefined,
  n: number,
): Array<{ key: string; count: number; pct: number }> {
  if (!counts) return [];
  const total = sum(counts);
  if (total === 0) return [];
  const rows = Object.entries(counts)
    .map(([key, count]) => ({ key, count: count ?? 0, pct: (100 * (count ?? 0)) / total }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  if (rows.length <= n) return rows;
  const rest = rows.slice(n - 1).reduce((s, r) => s + r.count, 0);
  return [...rows.slice(0, n - 1), { key: 'other', count: rest, pct: (100 * rest) / total }];
}
