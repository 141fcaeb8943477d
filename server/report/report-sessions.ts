/**
 * @module The report's session list and breakdowns (browser, OS, codec, decoder, resolution, connection) from session
 * facts.
 */
import type { BreakdownDimension, BreakdownRow, ReportSession } from '../../shared/event-report.ts';
import { resolutionClass } from '../live/tick-builder.ts';
import type { SessionFacts } from './report-input.ts';
import {
  addInputs,
  BUCKET_MS,
  emptyInputs,
  PICTURE_POINTS,
  scoreOf,
  sessionInputs,
  type ScoreInputs,
} from './report-score.ts';

const minutes = (buckets: number): number => Math.round(((buckets * BUCKET_MS) / 60_000) * 100) / 100;

/** Failure reports per session id. */
export type FailuresBySession = ReadonlyMap<string, number>;

export function reportSession(s: SessionFacts, failures: number): ReportSession {
  const h = s.history;
  const leftAt = s.endedAt ?? s.lastSeen;
  return {
    sessionId: s.sessionId,
    joinedAt: s.firstSeen,
    leftAt,
    durationS: Math.max(0, Math.round((leftAt - s.firstSeen) / 1000)),
    browser: s.browser,
    browserVersion: s.browserVersion,
    os: s.os,
    codec: s.codec,
    minutes: {
      good: minutes(h?.good ?? 0),
      fair: minutes(h?.fair ?? 0),
      poor: minutes(h?.poor ?? 0),
      ungraded: minutes(Math.max(0, (h?.watching ?? 0) - (h?.good ?? 0) - (h?.fair ?? 0) - (h?.poor ?? 0))),
    },
    ttffMs: s.ttffMs,
    score: scoreOf(sessionInputs(s, failures)).score,
    failures,
    failure: s.failure,
    reconnects: Math.max(0, s.connects - 1),
    ending: s.ending,
    stage: s.stage,
  };
}

/** The resolution class of a session's mean picture points (the inverse of PICTURE_POINTS), or null without heights. */
function resolutionOf(s: SessionFacts): string | null {
  const h = s.history;
  if (!h || h.pictureN === 0) return null;
  const mean = h.pictureSum / h.pictureN;
  const step = PICTURE_POINTS.find(([, points]) => mean >= points - 0.5);
  return resolutionClass(step ? step[0] : 0);
}

const KEYS: Record<BreakdownDimension, (s: SessionFacts) => string | null> = {
  browser: (s) => s.browser || null,
  os: (s) => s.os || null,
  codec: (s) => s.codec,
  decoder: (s) => s.decoder,
  resolution: resolutionOf,
  connection: (s) => s.connection,
};

type Group = { sessions: number; failed: number; inputs: ScoreInputs };

export function breakdown(
  dimension: BreakdownDimension,
  sessions: readonly SessionFacts[],
  failures: FailuresBySession,
): BreakdownRow[] {
  const groups = new Map<string, Group>();
  for (const s of sessions) {
    const key = KEYS[dimension](s) ?? 'unknown';
    const group = groups.get(key) ?? { sessions: 0, failed: 0, inputs: emptyInputs() };
    const n = failures.get(s.sessionId) ?? 0;
    group.sessions += 1;
    if (n > 0 || s.failure !== null) group.failed += 1;
    addInputs(group.inputs, sessionInputs(s, n));
    groups.set(key, group);
  }
  return [...groups.entries()]
    .map(([key, g]): BreakdownRow => ({
      key,
      sessions: g.sessions,
      viewerMinutes: minutes(g.inputs.watchingBuckets),
      score: scoreOf(g.inputs),
      failureRate: g.sessions > 0 ? Math.round((g.failed / g.sessions) * 10_000) / 10_000 : null,
    }))
    .sort((a, b) => b.viewerMinutes - a.viewerMinutes || b.sessions - a.sessions || a.key.localeCompare(b.key));
}
