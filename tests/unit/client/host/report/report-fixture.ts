/**
 * @module A small EventReport for the report page's unit tests: two sessions, three timeline points, one of each log
 * entry.
 */
import type { EventReport, ReportSession } from '../../../../../shared/event-report.ts';

const T0 = 1_700_000_000_000;

export function session(id: string, over: Partial<ReportSession> = {}): ReportSession {
  return {
    sessionId: id,
    joinedAt: T0,
    leftAt: T0 + 60_000,
    durationS: 60,
    browser: 'Chrome',
    browserVersion: '120',
    os: 'Windows',
    codec: 'AV1',
    minutes: { good: 1, fair: 0, poor: 0, ungraded: 0 },
    ttffMs: 900,
    score: 95,
    failures: 0,
    failure: null,
    reconnects: 0,
    ending: 'left',
    stage: 'playing',
    ...over,
  };
}

const bands = { good: 1, fair: 0, poor: 0 };
const point = (t: number, watching: number) => ({
  t,
  seconds: 5,
  watching: { min: watching - 1, max: watching },
  bands,
  bitrateP50: { min: 800, max: 1200 },
  bitrateP10Min: 300,
  lossP90: null,
  freezesP90: { min: 0, max: 2 },
  rttP90: null,
  jitterBufferP90: null,
  failures: 0,
});

export function fixtureReport(over: Partial<EventReport> = {}): EventReport {
  const empty = { score: null, joinSuccess: null, startup: null, smoothness: null, picture: null, network: null };
  return {
    eventId: 'ev1',
    title: 'Launch',
    phase: 'live',
    builtAt: T0 + 600_000,
    shared: false,
    summary: {
      score: { ...empty, score: 81.3 },
      peakViewers: 2,
      avgViewers: 1.5,
      sessions: 2,
      uniqueViewers: 2,
      viewerMinutes: 2,
      bandMinutes: { good: 2, fair: 0, poor: 0 },
      bandShares: { good: 1, fair: 0, poor: 0 },
      join: { attempts: 2, joined: 2, rate: 1, failures: [] },
      endings: { left: 2, shutdown: 0, lost: 0, 'phase-end': 0, open: 0 },
      ttffMs: { p50: 900, p90: 900, n: 2 },
      from: T0,
      to: T0 + 300_000,
    },
    problems: [],
    timeline: [point(T0, 2), point(T0 + 5_000, 3), point(T0 + 60_000, 1)],
    breakdowns: { browser: [], os: [], codec: [], decoder: [], resolution: [], connection: [] },
    sessions: [
      session('a'),
      session('b', {
        browser: 'Safari',
        os: 'iOS',
        score: null,
        failures: 1,
        failure: 'ice-failed',
        joinedAt: T0 + 1_000,
      }),
    ],
    markers: [{ id: 1, eventId: 'ev1', phase: 'live', t: T0 + 10_000, kind: 'demo', label: '' }],
    alerts: [
      {
        eventId: 'ev1',
        phase: 'live',
        ruleId: 'r',
        metric: 'poor-share',
        direction: 'above',
        kind: 'raised',
        t: T0 + 20_000,
        value: 12,
        threshold: 10,
        kbps: null,
        action: 'check-uplink',
      },
    ],
    questions: [
      {
        id: 'q1',
        source: 'web',
        createdAt: T0 + 30_000,
        author: null,
        content: 'Hi?',
        votes: 2,
        answered: true,
        hidden: false,
        deleted: false,
      },
      {
        id: 'q2',
        source: 'web',
        createdAt: T0 + 40_000,
        author: null,
        content: '',
        votes: 0,
        answered: false,
        hidden: false,
        deleted: true,
      },
    ],
    attendance: {
      registrations: null,
      opened: 2,
      watched: 2,
      stages: { page: 2, preflight: 2, signaling: 2, offer: 2, connected: 2, 'first-frame': 2, playing: 2 },
    },
    ...over,
  };
}

export { T0 };
