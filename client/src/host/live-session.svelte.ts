/**
 * @module LiveSession: one event seen through one phase. Subscribes through the dashboard's socket with that phase
 * (again after every reconnect), keeps ≤ 1 h of 1 s ticks in a buffer that live ticks extend in place (a signal
 * tells its readers), and holds the markers, alerts and recent failures of the phase. When the phase is the event's
 * current one, live ticks extend it every second; any other phase is a still view of what was stored, and live
 * messages are ignored.
 * The charts' time span (a preset or the host's zoom, chart-range.svelte.ts) picks the visible ticks; what lies
 * before the live hour is loaded on demand (stored-ticks.svelte.ts).
 */
import type { AlertNotice } from '../../../shared/alert.ts';
import type { KansokuEvent, Phase } from '../../../shared/event.ts';
import type { FailureRecord } from '../../../shared/funnel.ts';
import type { Marker, MarkerKind } from '../../../shared/marker.ts';
import type { Tick } from '../../../shared/tick.ts';
import { atOnce, type Beat } from '../lib/beat.ts';
import { listen } from '../lib/listeners.ts';
import type { HostApi, PhaseRef } from './api.ts';
import type { HostSocketPort, Listen } from './host-socket-port.ts';
import { activeAlerts, mergeAlertLog, mergeFailures, mergeMarkers } from './live-merge.ts';
import { ChartRange, RANGE_MS, type RangeKey, type RangeMemory } from './range/chart-range.svelte.ts';
import { StoredTicks } from './range/stored-ticks.svelte.ts';
import type { Range } from './range/zoom-range.ts';
import { RoomLeases } from './room-leases.ts';
import { tickBounds, visibleTicks, type TickSources } from './range/visible-ticks.ts';
import { TickPacker } from './tick-packer.ts';
import { MAX_TICKS, mergeTicks, pushTick } from './tick-buffer.ts';

export { RANGE_MS, RANGES, type RangeKey } from './range/chart-range.svelte.ts';

/** Failures and alert log entries kept for the lists. */
const LIST_LIMIT = 100;

export type LiveApi = Pick<HostApi, 'ticks' | 'failures' | 'markers' | 'addMarker' | 'alerts'>;

export type LiveSessionOptions = {
  now?: () => number;
  /** Shared by every view on the same socket, so replacing one view by another never leaves the event's room. */
  leases?: RoomLeases;
  /** The chart range to open with (a still view of a finished phase opens on "all"). */
  range?: RangeKey;
  /** A custom range to open with (from the URL). */
  custom?: Range | null;
  /** Where the range is kept (the page URL). */
  rangeMemory?: RangeMemory;
  /** Beaten by each live tick; new failures, markers and alerts wait for it (lib/beat.ts). Without it they show at once. */
  beat?: Beat;
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class LiveSession {
  readonly ref: PhaseRef;
  event = $state.raw<KansokuEvent | null>(null);
  /**
   * 1 s ticks of the phase, oldest first, at most one hour. Extended in place by each live tick (tick-buffer.ts,
   * `pushTick`): read it in a `$derived`, an effect or markup, which run again on each change, and keep copies only.
   */
  get ticks(): readonly Tick[] {
    void this.#ticksChanged;
    return this.#ticks;
  }
  markers = $state.raw<Marker[]>([]);
  activeAlerts = $state.raw<AlertNotice[]>([]);
  alertLog = $state.raw<AlertNotice[]>([]);
  /** Newest first. */
  failures = $state.raw<FailureRecord[]>([]);
  /** What went wrong subscribing or loading, for the page to show. */
  error = $state<string | null>(null);
  /** When the last live tick arrived, by this page's clock (to show staleness). */
  receivedAt = $state<number | null>(null);
  /** The snapshot and the stored ticks are in: from here on an empty buffer means the phase has no numbers yet. */
  loaded = $state(false);

  latest = $derived<Tick | null>(this.ticks[this.ticks.length - 1] ?? null);
  /** The charts' time span: a preset, or the host's zoom. */
  readonly chart: ChartRange;
  /** Ticks from before the live hour, loaded for the range "all" and for a zoom into that time. */
  readonly stored: StoredTicks;
  /** The ticks of the chosen range. */
  visible = $derived.by<readonly Tick[]>(() => visibleTicks(this.#sources(), this.chart));

  #ticks: Tick[] = [];
  /** The hour's ticks are kept packed (packed-tick.ts): parsed, they were most of what each major GC marked. */
  readonly #packer = new TickPacker();
  /** Bumped on every change of `#ticks`: what readers of `ticks` depend on. */
  #ticksChanged = $state(0);
  readonly #socket: HostSocketPort;
  readonly #api: LiveApi;
  readonly #now: () => number;
  readonly #leases: RoomLeases;
  readonly #beat: Beat | undefined;
  #disposed = false;
  #unlisten: () => void = () => undefined;

  constructor(socket: HostSocketPort, api: LiveApi, ref: PhaseRef, options: LiveSessionOptions = {}) {
    this.#socket = socket;
    this.#api = api;
    this.ref = { eventId: ref.eventId, phase: ref.phase };
    this.#now = options.now ?? Date.now;
    this.#leases = options.leases ?? new RoomLeases();
    this.#beat = options.beat;
    const onError = (error: unknown) => (this.error = message(error));
    this.stored = new StoredTicks(api, this.ref, () => this.ticks, onError);
    this.chart = new ChartRange(() => tickBounds(this.#sources()), {
      preset: options.range,
      custom: options.custom,
      memory: options.rangeMemory,
      onZoom: (range) => this.loaded && void this.stored.loadRange(range, this.#now()),
    });
  }

  /** Thinned ticks from before `ticks[0]`, loaded for range "all". */
  get older(): readonly Tick[] {
    return this.stored.older;
  }
  /** The preset range (a custom one, `chart.custom`, takes its place while set). */
  get range(): RangeKey {
    return this.chart.preset;
  }

  get eventId(): string {
    return this.ref.eventId;
  }
  get phase(): Phase {
    return this.ref.phase;
  }
  /** The viewed phase is the event's phase now, so live ticks arrive; otherwise this is a still view of stored data. */
  get isCurrent(): boolean {
    return this.event !== null && this.event.phase === this.ref.phase;
  }

  start(): void {
    const s = this.#socket;
    this.#leases.take(this.eventId);
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
    this.stored.dispose();
    this.#unlisten();
    const last = this.#leases.give(this.eventId);
    if (last && this.#socket.connected) this.#socket.emit('host:unsubscribe', { eventId: this.eventId }, () => {});
  }

  setRange(range: RangeKey): void {
    this.chart.setPreset(range);
    if (range === 'all' && this.loaded) void this.stored.loadOlder();
  }

  /** Drops a marker now in the event's current phase; it shows up through `marker:new` (and from the REST answer). */
  async addMarker(kind: MarkerKind, label = ''): Promise<void> {
    const marker = await this.#api.addMarker(this.eventId, { kind, label });
    this.#onMarker(marker);
  }

  #subscribe(): void {
    this.#socket.emit('host:subscribe', { eventId: this.eventId, phase: this.phase }, (result) => {
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

  /** Merges ticks of the viewed phase; any other phase's ticks are not this view's numbers. */
  #adopt(incoming: readonly Tick[]): void {
    const mine = incoming
      .filter((t) => t.eventId === this.eventId && t.phase === this.phase)
      .map((t) => this.#packer.pack(t));
    if (mine.length > 0) this.#setTicks(mergeTicks(this.#ticks, mine));
  }

  async #loadSideData(): Promise<void> {
    const ref = this.ref;
    const latest = this.latest?.t ?? this.#now();
    try {
      const [ticks, markers, alerts, failures] = await Promise.all([
        this.#api.ticks(ref, latest - RANGE_MS['60m'], MAX_TICKS),
        this.#api.markers(ref),
        this.#api.alerts(ref),
        this.#api.failures(ref, LIST_LIMIT),
      ]);
      if (this.#disposed) return;
      this.#adopt(ticks);
      const mine = <T extends { phase: Phase }>(xs: readonly T[]) => xs.filter((x) => x.phase === this.phase);
      this.markers = mergeMarkers(this.markers, mine(markers));
      this.alertLog = mergeAlertLog(this.alertLog, mine(alerts.log), LIST_LIMIT);
      this.activeAlerts = activeAlerts([...mine(alerts.active), ...this.activeAlerts], this.alertLog);
      this.failures = mergeFailures(this.failures, failures, LIST_LIMIT);
      this.loaded = true;
      if (this.chart.custom) await this.stored.loadRange(this.chart.custom, this.#now());
      else if (this.range === 'all') await this.stored.loadOlder();
    } catch (error) {
      if (!this.#disposed) this.error = message(error);
    }
  }

  #sources(): TickSources {
    return { ticks: this.ticks, older: this.stored.older, zoomed: this.stored.zoomed };
  }

  #setTicks(ticks: Tick[]): void {
    this.#ticks = ticks;
    this.#ticksChanged += 1;
  }

  #onConnect = (): void => this.#subscribe();

  #onTick = (tick: Tick): void => {
    // Live ticks are the event's current phase; a view of another phase is still, and they are not its numbers.
    if (tick.eventId !== this.eventId || tick.phase !== this.phase) return;
    this.receivedAt = this.#now();
    this.#setTicks(pushTick(this.#ticks, this.#packer.pack(tick)));
    this.#beat?.beat();
  };

  #onEvent = (event: KansokuEvent): void => {
    if (event.id === this.eventId) this.event = event;
  };

  /** Runs `apply` with the next tick (one rendering frame for both), or at once without a beat. */
  #withBeat(apply: () => void): void {
    (this.#beat?.defer ?? atOnce)(apply);
  }

  /** `failure:new` carries no phase: it is the current phase's, so a still view ignores it. */
  #onFailure = (failure: FailureRecord): void =>
    this.#withBeat(() => {
      if (this.isCurrent) this.failures = mergeFailures(this.failures, [failure], LIST_LIMIT);
    });

  #onMarker = (marker: Marker): void =>
    this.#withBeat(() => {
      if (
        marker.eventId !== this.eventId ||
        marker.phase !== this.phase ||
        this.markers.some((m) => m.id === marker.id)
      )
        return;
      this.markers = mergeMarkers(this.markers, [marker]);
    });

  #onAlert = (notice: AlertNotice): void =>
    this.#withBeat(() => {
      if (notice.eventId !== this.eventId || notice.phase !== this.phase) return;
      const others = this.activeAlerts.filter((a) => a.ruleId !== notice.ruleId);
      this.activeAlerts = notice.kind === 'raised' ? [...others, notice] : others;
      this.alertLog = mergeAlertLog(this.alertLog, [notice], LIST_LIMIT);
    });
}
