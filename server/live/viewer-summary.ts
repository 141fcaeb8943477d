/** @module One session as the dashboard's viewer list shows it (`ViewerSummary`): from live state, or from its stored record. */
import type { ViewerSummary } from '../../shared/viewer.ts';
import type { SessionRow } from '../storage/rows.ts';
import { viewerState, type ViewerSession } from './viewer-session.ts';

export function summarizeViewer(session: ViewerSession, now: number): ViewerSummary {
  const m = session.current;
  return {
    sessionId: session.sessionId,
    state: viewerState(session, now),
    connected: session.connected,
    browser: session.client.browser,
    browserVersion: session.client.browserVersion,
    os: session.client.os,
    codec: m?.codec ?? null,
    kbps: m?.kbps ?? null,
    lossPct: m?.lossPct ?? null,
    jitterBufferMs: m?.jitterBufferMs ?? null,
    rttMs: m?.rttMs ?? null,
    fps: m?.fps ?? null,
    height: m?.height ?? null,
    band: session.grade?.band ?? null,
    reason: session.grade?.reason ?? null,
    stage: session.stage,
    failure: session.failure,
    firstSeen: session.firstSeen,
    lastSeen: session.lastSeen,
    ending: session.ending?.how ?? null,
    endedAt: session.ending?.at ?? null,
    connects: session.connects,
  };
}

/** A session of a phase that is not in memory: its state as last recorded, without live metrics. */
export function summarizeStored(row: SessionRow): ViewerSummary {
  return {
    sessionId: row.sessionId,
    state: row.state,
    connected: false,
    browser: row.browser,
    browserVersion: row.browserVersion,
    os: row.os,
    codec: row.codec,
    kbps: null,
    lossPct: null,
    jitterBufferMs: null,
    rttMs: null,
    fps: null,
    height: null,
    band: null,
    reason: null,
    stage: row.stage,
    failure: row.failure,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
    ending: row.ending,
    endedAt: row.endedAt,
    connects: row.connects,
  };
}
