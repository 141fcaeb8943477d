/**
 * @module The report's log on the timeline's clock: markers, alerts (raised/cleared) and questions, in one time order.
 */
import type { EventReport } from '../../../../shared/event-report.ts';
import type { Range } from './report-route.ts';

export type LogEntry =
  | { kind: 'marker'; t: number; key: string; marker: EventReport['markers'][number] }
  | { kind: 'alert'; t: number; key: string; alert: EventReport['alerts'][number] }
  | { kind: 'question'; t: number; key: string; question: EventReport['questions'][number] };

/** Everything logged within `range` (all of it without one), oldest first; deleted questions left out. */
export function logEntries(
  report: Pick<EventReport, 'markers' | 'alerts' | 'questions'>,
  range: Range | null,
): LogEntry[] {
  const entries: LogEntry[] = [
    ...report.markers.map((m): LogEntry => ({ kind: 'marker', t: m.t, key: `m${m.id}`, marker: m })),
    ...report.alerts.map((a, i): LogEntry => ({ kind: 'alert', t: a.t, key: `a${i}-${a.ruleId}-${a.t}`, alert: a })),
    ...report.questions
      .filter((q) => !q.deleted)
      .map((q): LogEntry => ({ kind: 'question', t: q.createdAt, key: `q${q.id}`, question: q })),
  ];
  return entries.filter((e) => !range || (e.t >= range.from && e.t <= range.to)).sort((a, b) => a.t - b.t);
}
