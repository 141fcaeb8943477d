/**
 * @module LiveSession: one event's live view. Subscribes through the dashboard's socket (again after every reconnect),
 * keeps ≤ 1 h of 1 s ticks in a `$state.raw` buffer that is replaced, never mutated, and holds the markers, alerts
 * and recent failures that arrive beside the ticks. Older ticks come over REST when the range needs them.
 */
import type { AlertNotice } from '../../../shared/alert.ts';
import type { KansokuEvent } from '../../../shared/event.ts';
import type { HostClientEvents, HostServerEvents } from '../../../shared/events.ts';
import type { FailureRecord } from '../../../shared/funnel.ts';
import type { Marker, MarkerKind } from '../../../shared/marker.ts';
import type { Tick } from '../../../shared/tick.ts';
import { listen, type ListenerMethod } from '../lib/listeners.ts';
import type { HostApi } from './api.ts';
import { activeAlerts, mergeAlertLog, mergeFailures, mergeMarkers } from './live-merge.ts';
import { appendTick, lastSpan, MAX_TICKS, mergeTicks, thinTicks } from './tick-buffer.ts';

export const RANGES = ['5m', '15m', '60m', 'all'] as const;
export type RangeKey = (typeof RANGES)[number];
export const RANGE_MS: Record<RangeKey, number> = { '5m': 300_000, '15m': 900_000, '60m': 3_600_000, all: Infinity };

/** Failures and alert log entries kept for the lists. */
const LIST_LIMIT = 100;
/** Points kept for the time before the 1 h buffer (range "all"). */
const OLDER_POINTS = 1_800;
/** Ticks older than the buffer fetched for range "all" (the REST maximum). */
const OLDER_FETCH = 10_000;

type Reserved = { connect: () => void };
export type Listen = HostServerEvents & Reserved;

/** The part of the typed socket.io client LiveSession uses; the dashboard's `HostSocket` fits it. */
export type HostSocketPort = {
  readonly connected: boolean;
  on: ListenerMethod<Listen>;
  off: ListenerMethod<Listen>;
  emit<E extends keyof HostClientEvents>(event: E, ...args: Parameters<HostClientEvents[E]>): unknown;
};

export type LiveApi = Pick<HostApi, 'ticks' | 'failures' | 'markers' | 'addMarker' | 'alerts'>;

export class LiveSession {
  readonly eventId: string;
  event = $state.raw<KansokuEvent | null>(null);
  /** 1 s ticks of the current phase, oldest first, at most one hour. */
  ticks = $state.raw<Tick[]>([]);
  /** Thinned ticks from before `ticks[0]`, loaded for range "all". */
  older = $state.raw<Tick[]>([]);
  range = $state<RangeKey>('15m');
  markers = $state.raw<Marker[]>([]);
  activeAlerts = $state.raw<AlertNotice[]>([]);
  alertLog = $state.raw<AlertNotice[]>([]);
  /** Newest first. */
  failures = $state.raw<FailureRecord[]>([]);
  /** What went wrong subscribing or loading, for the page to show. */
  error = $state<string | null>(null);
  /** When the last tick arrived, by this page's clock (to show staleness). */
  receivedAt = $state<number | null>(null);

  latest = $derived<Tick | null>(this.ticks[this.ticks.length - 1] ?? null);
  /** The ticks of the chosen range. */
  visible = $derived.by<readonly Tick[]>(() => {
    const end = this.latest?.t ?? 0;
    const all = this.range === 'all' && this.older.length > 0 ? [...this.older, ...this.ticks] : this.ticks;
    return lastSpan(all, RANGE_MS[this.range], end);
  });

  readonly #socket: HostSocketPort;
  readonly #api: LiveApi;
  readonly #now: () => number;
  #disposed = false;
  #unlisten: () => void = () => undefined;

  constructor(socket: HostSocketPort, api: LiveApi, eventId: string, now: () => number = Date.now) {
    this.#socket = socket;
    this.#api = api;
    this.eventId = eventId;
    this.#now = now;
  }

  start(): void {
    const s = this.#socket;
    this.#unlisten = listen<Listen>(s, {
      connect: this.#onConnect,
      tick: this.#onTick,
      'event:updated': this.#onEvent,
      'failure:new': this.#onFailure,
      'marker:new': this.#onMarker,
      'alert:raised': this.#onAlert,
      'alert:cleared': this.#onAlert,
    });
    if (s.connected) this.#subscribe();
  }

  dispose(): void {
    this.#disposed = true;
    this.#unlisten();
    const s = this.#socket;
    if (s.connected) s.emit('host:unsubscribe', { eventId: this.eventId }, () => {});
  }

  setRange(range: RangeKey): void {
    this.range = range;
    if (range === 'all' && this.older.length === 0) void this.#loadOlder();
  }

  /** Drops a marker now; it shows up through `marker:new` (and right away from the REST answer). */
  async addMarker(kind: MarkerKind, label = ''): Promise<void> {
    const marker = await this.#api.addMarker(this.eventId, { kind, label });
    this.#onMarker(marker);
  }

  #subscribe(): void {
    this.#socket.emit('host:subscribe', { eventId: this.eventId }, (result) => {
      if (this.#disposed) return;
      if (!result.ok) {
        this.error = result.message ?? result.error;
        return;
      }
      this.error = null;
      this.event = result.data.event;
      this.#adopt(result.data.ticks);
      void this.#loadSideData();
    });
  }

  /** Merges ticks of the current phase; ticks of another phase replace the buffer (phases never mix). */
  #adopt(incoming: readonly Tick[]): void {
    const phase = this.event?.phase;
    const same = incoming.filter((t) => phase === undefined || t.phase === phase);
    const current = this.ticks.filter((t) => phase === undefined || t.phase === phase);
    this.ticks = mergeTicks(current, same);
  }

  async #loadSideData(): Promise<void> {
    const id = this.eventId;
    const latest = this.latest?.t ?? this.#now();
    try {
      const [ticks, markers, alerts, failures] = await Promise.all([
        this.#api.ticks(id, latest - RANGE_MS['60m'], MAX_TICKS),
        this.#api.markers(id),
        this.#api.alerts(id),
        this.#api.failures(id, LIST_LIMIT),
      ]);
      if (this.#disposed) return;
      this.#adopt(ticks);
      this.markers = mergeMarkers(this.markers, markers);
      this.alertLog = mergeAlertLog(this.alertLog, alerts.log, LIST_LIMIT);
      this.activeAlerts = activeAlerts([...alerts.active, ...this.activeAlerts], this.alertLog);
      this.failures = mergeFailures(this.failures, failures, LIST_LIMIT);
    } catch (error) {
      if (!this.#disposed) this.error = error instanceof Error ? error.message : String(error);
    }
  }

  async #loadOlder(): Promise<void> {
    try {
      const all = await this.#api.ticks(this.eventId, 0, OLDER_FETCH);
      const first = this.ticks[0]?.t ?? Infinity;
      const phase = this.event?.phase;
      if (!this.#disposed) this.older = [...thinTicks(all.filter((t) => t.t < first && t.phase === phase), OLDER_POINTS)];
    } catch (error) {
      if (!this.#disposed) this.error = error instanceof Error ? error.message : String(error);
    }
  }

  #onConnect = (): void => this.#subscribe();

  #onTick = (tick: Tick): void => {
    if (tick.eventId !== this.eventId) return;
    this.receivedAt = this.#now();
    const latest = this.latest;
    if (latest && latest.phase !== tick.phase) {
      // A phase switch started a new monitor: rehearsal numbers must not run into the show's.
      this.ticks = [tick];
      this.older = [];
      return;
    }
    this.ticks = appendTick(this.ticks, tick);
  };

  #onEvent = (event: KansokuEvent): void => {
    if (event.id !== this.eventId) return;
    const phaseChanged = this.event !== null && this.event.phase !== event.phase;
    this.event = event;
    if (phaseChanged) {
      this.failures = [];
      this.activeAlerts = [];
      this.alertLog = [];
    }
  };

  #onFailure = (failure: FailureRecord): void => {
    this.failures = mergeFailures(this.failures, [failure], LIST_LIMIT);
  };

  #onMarker = (marker: Marker): void => {
    if (marker.eventId !== this.eventId || this.markers.some((m) => m.id === marker.id)) return;
    this.markers = mergeMarkers(this.markers, [marker]);
  };

  #onAlert = (notice: AlertNotice): void => {
    if (notice.eventId !== this.eventId) return;
    const others = this.activeAlerts.filter((a) => a.ruleId !== notice.ruleId);
    this.activeAlerts = notice.kind === 'raised' ? [...others, notice] : others;
    this.alertLog = mergeAlertLog(this.alertLog, [notice], LIST_LIMIT);
  };
}
