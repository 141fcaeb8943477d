/**
 * @module The failures panel's list (pure): newest first, optionally one category, and a viewer retrying into the same
 * failure is one line with a count (`×4`) instead of filling the list with the same session.
 */
import type { FailureRecord } from '../../../../shared/funnel.ts';
import { isFailure } from '../endings.ts';

export type RecentRow = {
  /** The newest report of the run. */
  latest: FailureRecord;
  /** Reports folded into this line (1 = just this one). */
  times: number;
  /** Time of the oldest report folded in, ms since epoch. */
  since: number;
};

/** `failures` newest first. Reports of one session and category fold into one line wherever they are in the list. */
export function recentRows(failures: readonly FailureRecord[], category: string | null, limit: number): RecentRow[] {
  const rows: RecentRow[] = [];
  const byKey = new Map<string, RecentRow>();
  for (const f of failures) {
    if (!isFailure(f) || (category !== null && f.category !== category)) continue;
    const key = `${f.sessionId}|${f.category}`;
    const row = byKey.get(key);
    if (row) {
      row.times += 1;
      row.since = Math.min(row.since, f.t);
      continue;
    }
    if (rows.length >= limit) continue;
    const fresh = { latest: f, times: 1, since: f.t };
    byKey.set(key, fresh);
    rows.push(fresh);
  }
  return rows;
}
