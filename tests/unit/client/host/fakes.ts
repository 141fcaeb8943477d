/**
 * @module Test doubles for the dashboard's state classes: a REST API, events and ticks (the socket:
 * fake-host-socket.ts).
 */
import type { AlertNotice } from '../../../../shared/alert.ts';
import type { KansokuEvent, Phase } from '../../../../shared/event.ts';
import type { FailureRecord } from '../../../../shared/funnel.ts';
import type { Marker } from '../../../../shared/marker.ts';
import type { Tick } from '../../../../shared/tick.ts';
import type { LiveApi } from '../../../../client/src/host/live-session.svelte.ts';
import type { ViewerSummary } from '../../../../shared/viewer.ts';
import { makeTick as baseTick, tickViewers } from '../../../helpers/tick-factory.ts';
import { makeEvent } from '../../../helpers/event-factory.ts';

export { makeEvent };

/** A tick of this dashboard's model audience: 11 sessions (one joining), AV1 and VP9, one viewer in Fair from loss. */
export const makeTick = (t: number, patch: Partial<Tick> = {}): Tick =>
  baseTick(t, {
    viewers: tickViewers({ joining: 1, watching: 10, total: 11, peak: 10 }),
    codecs: { AV1: 8, VP9: 2 },
    decoders: { dav1d: 8 },
    resolutions: { '1080p': 10 },
    browsers: { Chrome: 11 },
    os: { Windows: 11 },
    bands: { good: 9, fair: 1, poor: 0 },
    reasons: { loss: 1 },
    funnel: { page: 11, preflight: 11, signaling: 11, offer: 11, connected: 10, 'first-frame': 10, playing: 10 },
    ...patch,
  });

/** Ticks one second apart ending at `end`. */
export const ticksUntil = (end: number, n: number, patch: Partial<Tick> = {}): Tick[] =>
  Array.from({ length: n }, (_, i) => makeTick(end - (n - 1 - i) * 1000, patch));

export function makeNotice(
  kind: AlertNotice['kind'],
  t: number,
  ruleId = 'low-bitrate',
  phase: Phase = 'live',
): AlertNotice {
  return {
    eventId: 'ev-1',
    phase,
    ruleId,
    metric: 'low-bitrate-share',
    direction: 'above',
    kind,
    t,
    value: 30,
    threshold: 28,
    kbps: 300,
    action: 'check-uplink',
  };
}

export type FakeApi = LiveApi & {
  calls: string[];
  stored: Tick[];
  markersStored: Marker[];
  failuresStored: FailureRecord[];
  alertsStored: { active: AlertNotice[]; log: AlertNotice[] };
};

/**
 * An in-memory REST API of phased reads; every call is recorded as `name eventId/phase …`. Stored ticks, markers and
 * alerts carry their phase and are filtered by it, like the server does.
 */
export function fakeApi(): FakeApi {
  let nextId = 1;
  const api: FakeApi = {
    calls: [],
    stored: [],
    markersStored: [],
    failuresStored: [],
    alertsStored: { active: [], log: [] },
    async ticks(ref, since, limit) {
      api.calls.push(`ticks ${ref.eventId}/${ref.phase} ${since} ${limit}`);
      return api.stored.filter((t) => t.phase === ref.phase && t.t >= since).slice(-limit);
    },
    async failures(ref) {
      api.calls.push(`failures ${ref.eventId}/${ref.phase}`);
      return api.failuresStored;
    },
    async markers(ref) {
      api.calls.push(`markers ${ref.eventId}/${ref.phase}`);
      return api.markersStored.filter((m) => m.phase === ref.phase);
    },
    async addMarker(id, m) {
      api.calls.push(`addMarker ${id}`);
      return { id: nextId++, eventId: id, phase: 'live', t: 5_000, kind: m.kind ?? 'note', label: m.label ?? '' };
    },
    async alerts(ref) {
      api.calls.push(`alerts ${ref.eventId}/${ref.phase}`);
      const mine = (n: AlertNotice) => n.phase === ref.phase;
      return { active: api.alertsStored.active.filter(mine), log: api.alertsStored.log.filter(mine) };
    },
  };
  return api;
}

/** One open viewing session; `patch` ends it (`ending`, `endedAt`) or changes its numbers. */
export function makeViewer(id: string, patch: Partial<ViewerSummary> = {}): ViewerSummary {
  return {
    sessionId: id,
    state: 'watching',
    connected: true,
    browser: 'Chrome',
    browserVersion: '156.0',
    os: 'Windows',
    codec: 'AV1',
    kbps: 1500,
    lossPct: 0,
    jitterBufferMs: 40,
    rttMs: 20,
    fps: 30,
    height: 1080,
    band: 'good',
    reason: null,
    stage: 'playing',
    failure: null,
    firstSeen: 0,
    lastSeen: 0,
    ending: null,
    endedAt: null,
    connects: 1,
    ...patch,
  };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));
