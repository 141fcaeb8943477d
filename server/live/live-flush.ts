/**
 * @module What the live state owes storage after a tick (pure apart from draining the monitors): the ticks,
 * new failures, and — once per 10 s history bucket — one history row per active viewer plus every changed
 * session (its lastSeq included, so a restarted server still dedupes).
 */
import type { Phase } from '../../shared/event.ts';
import { HISTORY_BUCKET_MS } from '../../shared/limits.ts';
import type { Tick } from '../../shared/tick.ts';
import type { HistoryRow } from '../../shared/viewer.ts';
import type { FailureRow, SessionRow } from '../storage/rows.ts';
import type { EventMonitor } from './event-monitor.ts';
import { timeToFirstFrame, viewerState, type ViewerSession } from './viewer-session.ts';

export type StorageBatch = { sessions: SessionRow[]; history: HistoryRow[]; ticks: Tick[]; failures: FailureRow[] };

function sessionRow(eventId: string, phase: Phase, s: ViewerSession, now: number): SessionRow {
  return {
    eventId, sessionId: s.sessionId, phase, browser: s.client.browser, browserVersion: s.client.browserVersion, os: s.client.os,
    firstSeen: s.firstSeen, lastSeen: s.lastSeen, lastSeq: s.lastSeq, state: viewerState(s, now), codec: s.current?.codec ?? null,
    ttffMs: timeToFirstFrame(s), failureCategory: s.failure?.category ?? null,
  };
}

function historyRow(eventId: string, s: ViewerSession, t: number, now: number): HistoryRow {
  const w = s.window;
  return {
    eventId, sessionId: s.sessionId, t, state: viewerState(s, now),
    kbps: w?.kbps ?? null, lossPct: w?.lossPct ?? null, jitterMs: w?.jitterMs ?? null, jitterBufferMs: w?.jitterBufferMs ?? null,
    rttMs: w?.rttMs ?? null, fps: w?.fps ?? null, height: w?.height ?? null, freezes: w?.freezes ?? 0, freezeMs: w?.freezeMs ?? 0,
    concealPct: w?.concealPct ?? null, band: s.grade?.band ?? null,
  };
}

/**
 * Drains everything the given monitors owe storage as of `now`. `final` (at shutdown) also closes the
 * history bucket in progress, so nothing held in memory is lost.
 */
export function collectBatch(monitors: Iterable<EventMonitor>, ticks: Tick[], now: number, final = false): StorageBatch {
  const batch: StorageBatch = { sessions: [], history: [], ticks, failures: [] };
  const bucket = now - (now % HISTORY_BUCKET_MS) + (final ? HISTORY_BUCKET_MS : 0);
  for (const m of monitors) {
    for (const f of m.newFailures) batch.failures.push({ ...f, eventId: m.eventId, phase: m.phase });
    m.newFailures = [];
    for (const s of m.departed) batch.sessions.push(sessionRow(m.eventId, m.phase, s, now));
    m.departed = [];
    if (m.historyBucket >= bucket) continue;
    const previous = bucket - HISTORY_BUCKET_MS;
    for (const s of m.viewers.values()) {
      if (s.lastSampleAt !== null && s.lastSampleAt >= previous) batch.history.push(historyRow(m.eventId, s, previous, now));
      if (s.dirty || (s.lastSampleAt ?? 0) >= previous) {
        batch.sessions.push(sessionRow(m.eventId, m.phase, s, now));
        s.dirty = false;
      }
    }
    m.historyBucket = bucket;
  }
  return batch;
}
