/**
 * @module Viewers per event, phase and state right now (pure): the open sessions of every monitor in memory, in the
 * states the dashboard's ticks use. Read at scrape time, so the hot path pays nothing for it.
 */
import type { Phase } from '../../shared/event.ts';
import { VIEWER_STATES, type ViewerState } from '../../shared/tick.ts';
import type { EventMonitor } from '../live/event-monitor.ts';
import { viewerState } from '../live/viewer-session.ts';

export type ViewerCount = { event: string; phase: Phase; state: ViewerState; viewers: number };

/** One row per monitor and state (zeros included, so a phase in memory with nobody on it reads 0, not absent). */
export function countViewers(monitors: Iterable<EventMonitor>, now: number): ViewerCount[] {
  const rows: ViewerCount[] = [];
  for (const m of monitors) {
    const byState = new Map<ViewerState, number>(VIEWER_STATES.map((s) => [s, 0]));
    for (const session of m.viewers.values()) {
      if (session.ending) continue;
      const state = viewerState(session, now);
      byState.set(state, (byState.get(state) ?? 0) + 1);
    }
    for (const [state, viewers] of byState) rows.push({ event: m.eventId, phase: m.phase, state, viewers });
  }
  return rows;
}
