/**
 * @module Builds the EventReport of one event phase from its stored record (pure: data and `now` in, report out).
 * `shareView` turns a host report into what a share link shows: pseudonymous sessions, no author names.
 */
import {
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  type BreakdownRow,
  type EventReport,
} from '../../shared/event-report.ts';
import { atOrPast, emptyFunnel, stagesThrough, type FunnelStage } from '../../shared/funnel.ts';
import type { ReportInput } from './report-input.ts';
import { rankProblems } from './report-problems.ts';
import { hasJoined } from './report-score.ts';
import { breakdown, reportSession } from './report-sessions.ts';
import { summarize } from './report-summary.ts';
import { downsampleTicks } from './report-timeline.ts';

function stageCounts(input: ReportInput): Record<FunnelStage, number> {
  const counts = emptyFunnel();
  for (const s of input.sessions) {
    // A TTFF means the viewer got at least to its first frame, whatever earlier stage was recorded.
    const reached = hasJoined(s) && !atOrPast(s.stage, 'first-frame') ? 'first-frame' : s.stage;
    for (const stage of stagesThrough(reached)) counts[stage] += 1;
  }
  return counts;
}

export function buildReport(input: ReportInput, now: number): EventReport {
  const bySession = new Map<string, number>();
  for (const f of input.failures) bySession.set(f.sessionId, (bySession.get(f.sessionId) ?? 0) + f.reports);
  const summary = summarize(input.ticks, input.sessions, input.failures, bySession);
  const breakdowns = Object.fromEntries(
    BREAKDOWN_DIMENSIONS.map((d) => [d, breakdown(d, input.sessions, bySession)]),
  ) as Record<BreakdownDimension, BreakdownRow[]>;
  const discord = input.event.discord.channelId !== null;
  return {
    eventId: input.event.id,
    title: input.event.title,
    phase: input.phase,
    builtAt: now,
    shared: false,
    summary,
    problems: rankProblems(input.sessions, input.ticks),
    timeline: downsampleTicks(input.ticks),
    breakdowns,
    sessions: input.sessions.map((s) => reportSession(s, bySession.get(s.sessionId) ?? 0)),
    markers: [...input.markers],
    alerts: [...input.alerts],
    questions: input.questions.map((q) => ({
      id: q.id,
      source: q.source,
      createdAt: q.createdAt,
      author: q.author.name || null,
      content: q.content,
      votes: q.votes,
      answered: q.answered,
      hidden: q.hidden,
      deleted: q.deleted,
    })),
    attendance: {
      registrations: discord || input.registrations > 0 ? input.registrations : null,
      opened: input.sessions.length,
      watched: summary.uniqueViewers,
      stages: stageCounts(input),
    },
  };
}

/**
 * What a share link shows: sessions renamed `s1…sN` and questions `q1…qN` in report order (a Discord message id
 * leads back to its author), no question authors, hidden questions blank.
 */
export function shareView(report: EventReport): EventReport {
  return {
    ...report,
    shared: true,
    sessions: report.sessions.map((s, i) => ({ ...s, sessionId: `s${i + 1}` })),
    questions: report.questions.map((q, i) => ({
      ...q,
      id: `q${i + 1}`,
      author: null,
      content: q.hidden ? '' : q.content,
    })),
  };
}
