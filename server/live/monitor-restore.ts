/**
 * @module Rebuilds an event monitor from the stored record (pure): every session of the phase, the funnel from each
 * session's furthest stage, failures by category, endings, TTFF, and the peak and recent ticks from stored ticks.
 * A restarted server thus shows the same totals it showed before.
 */
import type { Phase } from '../../shared/event.ts';
import { stagesThrough, type FailureCategory } from '../../shared/funnel.ts';
import type { Tick } from '../../shared/tick.ts';
import type { SessionRow } from '../storage/rows.ts';
import { createMonitor, type EventMonitor } from './event-monitor.ts';
import { restoreSession } from './viewer-session.ts';

/** What storage holds of one event phase. */
export type MonitorSeed = {
  eventId: string;
  phase: Phase;
  sessions: readonly SessionRow[];
  failures: Partial<Record<FailureCategory, number>>;
  /** The newest stored ticks of the phase, oldest first. */
  ticks: readonly Tick[];
};

export function restoreMonitor(seed: MonitorSeed, now: number): EventMonitor {
  const m = createMonitor(seed.eventId, seed.phase, now);
  for (const row of seed.sessions) {
    const session = restoreSession(row, now);
    m.viewers.set(row.sessionId, session);
    for (const stage of stagesThrough(row.stage)) m.funnel[stage] += 1;
    if (row.ttffMs !== null) m.ttffMs.push(row.ttffMs);
    if (session.ending) m.endings[session.ending.how] += 1;
  }
  m.failures = { ...seed.failures };
  m.ticks = [...seed.ticks];
  m.peak = seed.ticks.reduce((peak, tick) => Math.max(peak, tick.viewers.peak), 0);
  const first = seed.sessions[0];
  if (first) m.startedAt = Math.min(m.startedAt, first.firstSeen);
  return m;
}
