/**
 * @module What the live state owes storage (pure apart from draining the monitors): every session changed since the
 * last commit (seq, funnel progress, newest sample, failure, ending), new failures, the ticks, and — once per 10 s
 * history bucket — one history row per viewer that sent samples in it, folded into that session's report totals.
 */
import type { Phase } from '../../shared/event.ts';
import { HISTORY_BUCKET_MS } from '../../shared/limits.ts';
import type { Tick } from '../../shared/tick.ts';
import type { HistoryRow } from '../../shared/viewer.ts';
import type { EventMonitor } from '../live/event-monitor.ts';
import { timeToFirstFrame, viewerState, type ViewerSession } from '../live/viewer-session.ts';
import { addBucket, copyTotals } from '../report/session-totals.ts';
import { encodeHistory } from '../storage/history-codec.ts';
import type { FailureRow, SessionRow } from '../storage/rows.ts';

export type RecordBatch = { sessions: SessionRow[]; history: HistoryRow[]; ticks: Tick[]; failures: FailureRow[] };

export const emptyBatch = (): RecordBatch => ({ sessions: [], history: [], ticks: [], failures: [] });

export const batchSize = (b: RecordBatch): number =>
  b.sessions.length + b.history.length + b.ticks.length + b.failures.length;

/** `later` after `earlier`: rows of the same key in `later` win when written (upserts keep the last one). */
export const mergeBatches = (earlier: RecordBatch, later: RecordBatch): RecordBatch => ({
  sessions: [...earlier.sessions, ...later.sessions],
  history: [...earlier.history, ...later.history],
  ticks: [...earlier.ticks, ...later.ticks],
  failures: [...earlier.failures, ...later.failures],
});

export function sessionRow(eventId: string, phase: Phase, s: ViewerSession, now: number): SessionRow {
  return {
    eventId,
    sessionId: s.sessionId,
    phase,
    browser: s.client.browser,
    browserVersion: s.client.browserVersion,
    os: s.client.os,
    firstSeen: s.firstSeen,
    lastSeen: s.lastSeen,
    lastSeq: s.lastSeq,
    state: viewerState(s, now),
    codec: s.current?.codec ?? null,
    ttffMs: timeToFirstFrame(s),
    stage: s.stage,
    stageTimes: s.stageTimes,
    checkpoint: s.latest,
    failure: s.failure,
    endedAt: s.ending?.at ?? null,
    ending: s.ending?.how ?? null,
    connects: s.connects,
    totals: s.totals && copyTotals(s.totals), // a snapshot: the live totals move on before this row is written
  };
}

function historyRow(m: EventMonitor, s: ViewerSession, t: number, now: number): HistoryRow {
  const w = s.window;
  return {
    eventId: m.eventId,
    phase: m.phase,
    sessionId: s.sessionId,
    t,
    state: viewerState(s, now),
    kbps: w?.kbps ?? null,
    lossPct: w?.lossPct ?? null,
    jitterMs: w?.jitterMs ?? null,
    jitterBufferMs: w?.jitterBufferMs ?? null,
    rttMs: w?.rttMs ?? null,
    fps: w?.fps ?? null,
    height: w?.height ?? null,
    freezes: w?.freezes ?? 0,
    freezeMs: w?.freezeMs ?? 0,
    concealPct: w?.concealPct ?? null,
    band: s.grade?.band ?? null,
  };
}

/**
 * Drains everything the given monitors owe storage as of `now`. `final` (at shutdown) also closes the history
 * bucket in progress, so nothing held in memory is lost.
 */
export function collectRecord(monitors: Iterable<EventMonitor>, now: number, final = false): RecordBatch {
  const batch = emptyBatch();
  const bucket = now - (now % HISTORY_BUCKET_MS) + (final ? HISTORY_BUCKET_MS : 0);
  for (const m of monitors) {
    for (const f of m.newFailures) batch.failures.push({ ...f, eventId: m.eventId, phase: m.phase });
    m.newFailures = [];
    const closing = m.historyBucket < bucket;
    const previous = bucket - HISTORY_BUCKET_MS;
    for (const s of m.viewers.values()) {
      if (closing && s.lastSampleAt !== null && s.lastSampleAt >= previous) {
        const row = historyRow(m, s, previous, now);
        batch.history.push(row);
        if (s.totals) addBucket(s.totals, encodeHistory(row));
        s.dirty = true; // its totals and the bucket are committed together
      }
      if (s.dirty) {
        batch.sessions.push(sessionRow(m.eventId, m.phase, s, now));
        s.dirty = false;
      }
    }
    if (closing) m.historyBucket = bucket;
  }
  return batch;
}
