/**
 * @module "What hurt most": every Fair/Poor dimension of the 10 s history ranked by the viewer-minutes it took,
 * with the worst stretch from the 1 s ticks and the browser/OS pair that carried most of it.
 */
import type { Problem } from '../../shared/event-report.ts';
import { QUALITY_REASONS, type QualityReason, type Tick } from '../../shared/tick.ts';
import type { ProblemKind, SessionFacts } from './report-input.ts';
import { BUCKET_MS } from './report-score.ts';

export const MAX_PROBLEMS = 10;
/** A pair "mostly" carries a problem when it has over this share of its minutes. */
const MOSTLY_SHARE = 0.5;
const MINUTE_MS = 60_000;

const bucketMinutes = (buckets: number): number => Math.round(((buckets * BUCKET_MS) / MINUTE_MS) * 100) / 100;

/**
 * The stretch around the worst minute of `reason` in the ticks: whole minutes (aligned on the first tick) next to
 * it whose affected viewer-seconds are at least half the worst minute's. Null when no tick names the reason.
 */
export function worstStretch(ticks: readonly Tick[], reason: QualityReason): { from: number; to: number } | null {
  const first = ticks[0];
  if (!first) return null;
  const minutes = new Map<number, number>();
  for (const tick of ticks) {
    const n = tick.reasons[reason] ?? 0;
    if (n <= 0) continue;
    const k = Math.floor((tick.t - first.t) / MINUTE_MS);
    minutes.set(k, (minutes.get(k) ?? 0) + n);
  }
  let worst: [number, number] | null = null;
  for (const entry of minutes) if (!worst || entry[1] > worst[1]) worst = entry;
  if (!worst) return null;
  const floor = worst[1] / 2;
  let lo = worst[0];
  let hi = worst[0];
  while ((minutes.get(lo - 1) ?? 0) >= floor) lo -= 1;
  while ((minutes.get(hi + 1) ?? 0) >= floor) hi += 1;
  return { from: first.t + lo * MINUTE_MS, to: first.t + (hi + 1) * MINUTE_MS };
}

export function rankProblems(sessions: readonly SessionFacts[], ticks: readonly Tick[]): Problem[] {
  let graded = 0;
  for (const s of sessions) if (s.history) graded += s.history.good + s.history.fair + s.history.poor;
  if (graded === 0) return [];
  const problems: Problem[] = [];
  for (const band of ['poor', 'fair'] as const) {
    for (const reason of QUALITY_REASONS) {
      const kind: ProblemKind = `${band}-${reason}`;
      const byPair = new Map<string, { browser: string; os: string; buckets: number }>();
      let buckets = 0;
      let sessionCount = 0;
      for (const s of sessions) {
        const n = s.history?.kinds[kind] ?? 0;
        if (n <= 0) continue;
        buckets += n;
        sessionCount += 1;
        const key = `${s.browser}\u0000${s.os}`;
        const pair = byPair.get(key) ?? { browser: s.browser, os: s.os, buckets: 0 };
        pair.buckets += n;
        byPair.set(key, pair);
      }
      if (buckets === 0) continue;
      const top = [...byPair.values()].sort((a, b) => b.buckets - a.buckets)[0];
      const topShare = top ? top.buckets / buckets : 0;
      const stretch = worstStretch(ticks, reason);
      problems.push({
        kind,
        band,
        reason,
        viewerMinutes: bucketMinutes(buckets),
        share: Number((buckets / graded).toPrecision(4)), // never 0 for a problem that happened
        from: stretch?.from ?? null,
        to: stretch?.to ?? null,
        mostly:
          top && topShare > MOSTLY_SHARE
            ? { browser: top.browser, os: top.os, share: Math.round(topShare * 1000) / 1000 }
            : null,
        sessions: sessionCount,
      });
    }
  }
  return problems
    .sort((a, b) => b.viewerMinutes - a.viewerMinutes || a.kind.localeCompare(b.kind))
    .slice(0, MAX_PROBLEMS);
}
