/**
 * @module The live state of every event: one monitor per event and phase, so rehearsal and live numbers never mix.
 * A phase's monitor is restored from the stored record the first time this process needs it (after a restart,
 * or switching back to a phase), and kept; the current phase's monitors tick every second. A phase the event has
 * left is dropped once storage has held all of it for LEFT_PHASE_KEPT_MS — committed, not only handed to the
 * recorder — so a long-running server does not keep every past show's audience in memory (a dashboard that asks for
 * it later reads it from the record, whole).
 */
import type { Phase } from '../../shared/event.ts';
import type { Tick } from '../../shared/tick.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import type { Logger } from '../logger.ts';
import { rememberTick, retire, sweep, type EventMonitor } from './event-monitor.ts';
import { restoreMonitor, type MonitorSeed } from './monitor-restore.ts';
import { buildTick } from './tick-builder.ts';

export type LiveService = {
  /** The event's current-phase monitor if it is in memory (never loads one); undefined otherwise. */
  monitor(eventId: string): EventMonitor | undefined;
  /** The event's current-phase monitor, restored from storage first when needed; undefined for unknown events. */
  open(eventId: string): Promise<EventMonitor | undefined>;
  /** A phase's monitor if it is in memory. */
  inMemory(eventId: string, phase: Phase): EventMonitor | undefined;
  /**
   * Builds this second's tick for every current-phase monitor (and ends sessions long gone), plus the last tick of
   * any phase left since the previous call.
   */
  tick(now: number): Tick[];
  /**
   * The current-phase monitors due a tick this second (sessions long gone ended first); idle ones are skipped. Left
   * phases settled for LEFT_PHASE_KEPT_MS are dropped here.
   */
  due(now: number): EventMonitor[];
  /** The in-memory monitors of every event's current phase. */
  current(): EventMonitor[];
  /** Every monitor in memory, earlier phases included (what storage is owed comes from these). */
  all(): IterableIterator<EventMonitor>;
  /** Restores the current phase of every event in rehearsal or live (at start, before viewers arrive). */
  restoreActive(): Promise<void>;
};

/** What storage holds of an event phase (empty for a new one). */
export type MonitorLoader = (eventId: string, phase: Phase) => Promise<MonitorSeed>;
/** When the oldest rows handed to storage but not yet committed were collected; null when none are (Recorder). */
export type OwedSince = () => number | null;

const key = (eventId: string, phase: Phase): string => `${eventId}\u0000${phase}`;

/** How long a phase the event has left stays in memory after storage holds all of it. */
export const LEFT_PHASE_KEPT_MS = 10 * 60_000;

/**
 * A monitor of a scheduled or ended event with nobody on the page has nothing to say: it is not ticked (and so
 * writes nothing), however long a dashboard or a REST read keeps it around. Rehearsal and live always tick.
 */
const hasOpenSessions = (m: EventMonitor): boolean => [...m.viewers.values()].some((s) => s.ending === null);
const idle = (m: EventMonitor): boolean => (m.phase === 'scheduled' || m.phase === 'ended') && !hasOpenSessions(m);
/** Storage is owed nothing of the monitor: every session ended and written, its last samples' bucket closed. */
const settled = (m: EventMonitor): boolean =>
  m.newFailures.length === 0 &&
  [...m.viewers.values()].every(
    (s) => s.ending !== null && !s.dirty && (s.lastSampleAt === null || s.lastSampleAt < m.historyBucket),
  );

export function createLiveService(
  catalog: EventCatalog,
  clock: Clock,
  load: MonitorLoader,
  logger: Logger,
  owedSince: OwedSince = () => null,
): LiveService {
  const monitors = new Map<string, EventMonitor>();
  /** Since when each left phase in memory has been settled. */
  const settledSince = new Map<string, number>();
  const loading = new Map<string, Promise<EventMonitor>>();
  /** Last ticks of phases just left, handed out with the next second's ticks. */
  let closing: Tick[] = [];

  const loadPhase = (eventId: string, phase: Phase): Promise<EventMonitor> => {
    const k = key(eventId, phase);
    const existing = monitors.get(k);
    if (existing) return Promise.resolve(existing);
    let pending = loading.get(k);
    if (!pending) {
      pending = load(eventId, phase)
        .then((seed) => {
          const m = restoreMonitor(seed, clock.now());
          monitors.set(k, m);
          return m;
        })
        .finally(() => loading.delete(k));
      loading.set(k, pending);
    }
    return pending;
  };

  const current = (eventId: string): EventMonitor | undefined => {
    const event = catalog.get(eventId);
    return event ? monitors.get(key(eventId, event.phase)) : undefined;
  };

  const isCurrent = (m: EventMonitor): boolean => catalog.get(m.eventId)?.phase === m.phase;
  const phasesOf = (eventId: string): EventMonitor[] => [...monitors.values()].filter((m) => m.eventId === eventId);

  catalog.onChange((event) => {
    const known = phasesOf(event.id);
    if (known.length === 0) return; // never monitored here: loaded when a viewer or host first asks
    for (const m of known) {
      if (m.phase === event.phase || !hasOpenSessions(m)) continue;
      // The phase's last tick shows the audience as the switch found it (watching, peak, funnel), with the
      // sessions the switch ended already counted in its endings.
      const last = buildTick(m, clock.now());
      retire(m, clock.now());
      last.endings = { ...m.endings };
      rememberTick(m, last);
      closing.push(last);
    }
    loadPhase(event.id, event.phase).catch((err: unknown) =>
      logger.error({ err, eventId: event.id }, 'restoring a phase failed'),
    );
  });

  const dropIfLongSettled = (k: string, m: EventMonitor, now: number): void => {
    if (!settled(m)) return void settledSince.delete(k);
    const since = settledSince.get(k) ?? now;
    settledSince.set(k, since);
    // Rows collected before it settled and not yet committed may be its own: a reload now would miss them.
    const owed = owedSince();
    if (now - since < LEFT_PHASE_KEPT_MS || (owed !== null && owed <= since)) return;
    monitors.delete(k);
    settledSince.delete(k);
  };

  const due = (now: number): EventMonitor[] => {
    const out: EventMonitor[] = [];
    for (const [k, monitor] of monitors) {
      if (!isCurrent(monitor)) {
        dropIfLongSettled(k, monitor, now);
        continue;
      }
      settledSince.delete(k); // the event came back to this phase: it is kept again
      sweep(monitor, now);
      if (!idle(monitor)) out.push(monitor);
    }
    return out;
  };

  return {
    monitor: current,
    async open(eventId) {
      const event = catalog.get(eventId);
      return event ? loadPhase(eventId, event.phase) : undefined;
    },
    inMemory: (eventId, phase) => monitors.get(key(eventId, phase)),
    tick(now) {
      const ticks: Tick[] = closing;
      closing = [];
      for (const monitor of due(now)) {
        const tick = buildTick(monitor, now);
        rememberTick(monitor, tick);
        ticks.push(tick);
      }
      return ticks;
    },
    due,
    current: () => [...monitors.values()].filter(isCurrent),
    all: () => monitors.values(),
    async restoreActive() {
      const active = catalog.list().filter((e) => e.phase === 'rehearsal' || e.phase === 'live');
      await Promise.all(active.map((e) => loadPhase(e.id, e.phase)));
    },
  };
}
