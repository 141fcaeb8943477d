/**
 * @module The live state of every event: one monitor per event, replaced when the phase changes so that
 * rehearsal and live numbers never mix. Builds each second's ticks.
 */
import type { KansokuEvent } from '../../shared/event.ts';
import type { Tick } from '../../shared/tick.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { createMonitor, rememberTick, sweep, type EventMonitor } from './event-monitor.ts';
import { buildTick } from './tick-builder.ts';

export type LiveService = {
  /** The monitor for the event's current phase (created on demand); undefined for unknown events. */
  monitor(eventId: string, now: number): EventMonitor | undefined;
  /** Existing monitor only; never creates one. */
  peek(eventId: string): EventMonitor | undefined;
  /** Builds the ticks of this second for every monitored event, and forgets viewers long gone. */
  tick(now: number): Tick[];
  monitors(): IterableIterator<EventMonitor>;
  /** Monitors replaced by a phase change and not yet flushed to storage. */
  drainRetired(): EventMonitor[];
};

/**
 * A monitor of a scheduled or ended event with nobody on the page has nothing to say: it is not ticked (and so
 * writes nothing), however long a dashboard or a REST read keeps it around. Rehearsal and live always tick.
 */
const idle = (m: EventMonitor): boolean => (m.phase === 'scheduled' || m.phase === 'ended') && m.viewers.size === 0;

export function createLiveService(catalog: EventCatalog, clock: Clock): LiveService {
  const monitors = new Map<string, EventMonitor>();
  let retired: EventMonitor[] = [];

  const monitorFor = (event: KansokuEvent, now: number): EventMonitor => {
    const existing = monitors.get(event.id);
    if (existing && existing.phase === event.phase) return existing;
    if (existing) retired.push(existing);
    const fresh = createMonitor(event.id, event.phase, now);
    monitors.set(event.id, fresh);
    return fresh;
  };
  catalog.onChange((event) => {
    if (monitors.has(event.id)) monitorFor(event, clock.now());
  });

  return {
    monitor(eventId, now) {
      const event = catalog.get(eventId);
      return event ? monitorFor(event, now) : undefined;
    },
    peek: (eventId) => monitors.get(eventId),
    tick(now) {
      const ticks: Tick[] = [];
      for (const monitor of monitors.values()) {
        sweep(monitor, now);
        if (idle(monitor)) continue;
        const tick = buildTick(monitor, now);
        rememberTick(monitor, tick);
        ticks.push(tick);
      }
      return ticks;
    },
    monitors: () => monitors.values(),
    drainRetired() {
      const out = retired;
      retired = [];
      return out;
    },
  };
}
