/** @module Test doubles for the dashboard's state classes: a host socket, a REST API and ticks. */
import type { AlertNotice } from '../../../../shared/alert.ts';
import type { KansokuEvent } from '../../../../shared/event.ts';
import type { HostClientEvents, HostSnapshot } from '../../../../shared/events.ts';
import type { FailureRecord } from '../../../../shared/funnel.ts';
import type { Marker } from '../../../../shared/marker.ts';
import type { Result } from '../../../../shared/result.ts';
import type { Tick } from '../../../../shared/tick.ts';
import type { LiveApi } from '../../../../client/src/host/live-session.svelte.ts';

type Listener = (...args: never[]) => void;

/** Records listeners and emits; the test plays the server with `serverEmit` and answers subscriptions with `snapshot`. */
export class FakeHostSocket {
  connected = false;
  readonly emitted: Array<{ event: string; payload: unknown }> = [];
  snapshot: (eventId: string) => Result<HostSnapshot> = () => ({ ok: false, error: 'not-found' });
  readonly #listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  emit<E extends keyof HostClientEvents>(event: E, ...args: Parameters<HostClientEvents[E]>): this {
    const [payload, ack] = args as unknown as [{ eventId: string }, (r: unknown) => void];
    this.emitted.push({ event, payload });
    if (event === 'host:subscribe') ack(this.snapshot(payload.eventId));
    else ack({ ok: true, data: null });
    return this;
  }

  serverEmit(event: string, ...args: unknown[]): void {
    for (const fn of this.#listeners.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  connect(): void {
    this.connected = true;
    this.serverEmit('connect');
  }
}

export function makeEvent(patch: Partial<KansokuEvent> = {}): KansokuEvent {
  return {
    id: 'ev-1', title: 'Launch', scheduledStart: null, phase: 'live', sora: null,
    discord: { guildId: null, channelId: null, registrationPattern: null }, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

export function makeTick(t: number, patch: Partial<Tick> = {}): Tick {
  return {
    t, eventId: 'ev-1', phase: 'live',
    viewers: { connected: 0, joining: 1, watching: 10, failed: 0, total: 11, peak: 10, sfu: null, sfuGap: null },
    codecs: { AV1: 8, VP9: 2 }, decoders: { dav1d: 8 }, resolutions: { '1080p': 10 }, browsers: { Chrome: 11 }, os: { Windows: 11 },
    bitrateKbps: { p10: 800, p50: 1200, p90: 1500, n: 10 }, lossPct: null, jitterMs: null, jitterBufferMs: null, rttMs: null,
    fps: null, height: null, freezesPerMin: null, bands: { good: 9, fair: 1, poor: 0 }, reasons: { loss: 1 },
    funnel: { page: 11, preflight: 11, signaling: 11, offer: 11, connected: 10, 'first-frame': 10, playing: 10 },
    failures: {}, ttffMs: null, ingest: { samples: 0, invalid: 0 },
    ...patch,
  };
}

/** Ticks one second apart ending at `end`. */
export const ticksUntil = (end: number, n: number, patch: Partial<Tick> = {}): Tick[] =>
  Array.from({ length: n }, (_, i) => makeTick(end - (n - 1 - i) * 1000, patch));

export function makeNotice(kind: AlertNotice['kind'], t: number, ruleId = 'low-bitrate'): AlertNotice {
  return { eventId: 'ev-1', phase: 'live', ruleId, metric: 'low-bitrate-share', direction: 'above', kind, t, value: 30, threshold: 28, kbps: 300, action: 'check-uplink' };
}

export type FakeApi = LiveApi & { calls: string[]; stored: Tick[]; markersStored: Marker[]; failuresStored: FailureRecord[]; alertsStored: { active: AlertNotice[]; log: AlertNotice[] } };

/** An in-memory REST API; every call is recorded. */
export function fakeApi(): FakeApi {
  let nextId = 1;
  const api: FakeApi = {
    calls: [], stored: [], markersStored: [], failuresStored: [], alertsStored: { active: [], log: [] },
    async ticks(id, since, limit) {
      api.calls.push(`ticks ${id} ${since} ${limit}`);
      return api.stored.filter((t) => t.t >= since).slice(-limit);
    },
    async failures(id) {
      api.calls.push(`failures ${id}`);
      return api.failuresStored;
    },
    async markers(id) {
      api.calls.push(`markers ${id}`);
      return api.markersStored;
    },
    async addMarker(id, m) {
      api.calls.push(`addMarker ${id}`);
      return { id: nextId++, eventId: id, phase: 'live', t: 5_000, kind: m.kind ?? 'note', label: m.label ?? '' };
    },
    async alerts(id) {
      api.calls.push(`alerts ${id}`);
      return api.alertsStored;
    },
  };
  return api;
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));
