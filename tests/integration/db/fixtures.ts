/** @module Row builders for the db tests: complete, valid domain values with per-test overrides. */
import type { EventCreate, Phase } from '../../../shared/event.ts';
import type { Tick } from '../../../shared/tick.ts';
import type { HistoryRow } from '../../../shared/viewer.ts';
import type { FailureRow, SessionRow } from '../../../server/storage/rows.ts';
import { makeTick, tickViewers } from '../../helpers/tick-factory.ts';

export const T0 = Date.UTC(2026, 4, 1, 10, 0, 0);

export function eventInput(overrides: Partial<EventCreate> = {}): EventCreate {
  return {
    title: 'Launch stream',
    scheduledStart: '2026-05-01T10:00:00Z',
    phase: 'live',
    sora: {
      signalingUrls: ['wss://sora.example/signaling'],
      channelId: 'launch',
      videoCodecType: 'AV1',
      metadata: { token: 'x', n: 1 },
      minChromeVersion: 110,
    },
    discord: { guildId: '123', channelId: '456', registrationPattern: '^reg' },
    ...overrides,
  };
}

export function sessionRow(eventId: string, sessionId: string, overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    eventId,
    sessionId,
    phase: 'live',
    browser: 'Chrome',
    browserVersion: '138',
    os: 'Windows',
    firstSeen: T0,
    lastSeen: T0,
    lastSeq: 0,
    state: 'joining',
    codec: null,
    ttffMs: null,
    stage: null,
    stageTimes: {},
    checkpoint: null,
    failure: null,
    endedAt: null,
    ending: null,
    connects: 1,
    totals: null,
    ...overrides,
  };
}

export function historyRow(
  eventId: string,
  sessionId: string,
  t: number,
  overrides: Partial<HistoryRow> = {},
): HistoryRow {
  return {
    eventId,
    phase: 'live',
    sessionId,
    t,
    state: 'watching',
    kbps: 2500,
    lossPct: 0.25,
    jitterMs: 12,
    jitterBufferMs: 80,
    rttMs: 35,
    fps: 29.9,
    height: 1080,
    freezes: 1,
    freezeMs: 340,
    concealPct: 0.05,
    band: 'good',
    ...overrides,
  };
}

/** A tick with every field set (distributions included), so storage round-trips are checked in full. */
export function tick(eventId: string, phase: Phase, t: number): Tick {
  const dist = { p10: 1, p50: 2.5, p90: 4, n: 3 };
  return makeTick(t, {
    eventId,
    phase,
    viewers: tickViewers({ connected: 1, watching: 3, failed: 1, total: 5, peak: 4, sfu: 6, sfuGap: 3 }),
    codecs: { AV1: 3 },
    decoders: { libdav1d: 3 },
    resolutions: { '1080p': 2, '720p': 1 },
    browsers: { Chrome: 2, Safari: 1 },
    os: { Windows: 2, iOS: 1 },
    bitrateKbps: dist,
    lossPct: dist,
    jitterBufferMs: dist,
    rttMs: dist,
    fps: dist,
    height: dist,
    bands: { good: 2, fair: 1, poor: 0 },
    reasons: { rtt: 1 },
    funnel: { page: 5, preflight: 5, signaling: 5, offer: 5, connected: 4, 'first-frame': 3, playing: 3 },
    failures: { 'ice-failed': 1 },
    endings: { left: 1, shutdown: 0, lost: 0, 'phase-end': 0 },
    ttffMs: dist,
    ingest: { samples: 12, invalid: 1 },
  });
}

export function failureRow(
  eventId: string,
  sessionId: string,
  t: number,
  overrides: Partial<FailureRow> = {},
): FailureRow {
  return {
    eventId,
    phase: 'live',
    sessionId,
    browser: 'Firefox',
    os: 'macOS',
    category: 'signaling-rejected',
    t,
    stage: 'signaling',
    code: 4490,
    reason: 'AUTH-FAILED',
    ...overrides,
  };
}
