/**
 * @module The aggregator of the events whose lease this process holds: a little after each second boundary it reads
 * that second's partials from Redis, merges them into the tick, hands the tick to storage and to every process's
 * dashboards. Taking over (at start, from a dead holder, or after Redis came back) it continues from the newest stored
 * tick and fills the seconds since from the partials Redis still keeps, so a handover leaves no hole in the tick
 * series; it holds back the newest CARRY_MS seconds for CARRY_MS, until every live process has written a partial
 * since, so that a process slower to reconnect does not drop out of the first ticks.
 */
import type { Phase } from '../../shared/event.ts';
import type { Tick } from '../../shared/tick.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { PartialStore } from './partial-store.ts';
import type { PartialTick } from './partial-tick.ts';
import type { RecordReader } from './record-totals.ts';
import { mergeTick, type RecordTotals } from './tick-merge.ts';

/** Seconds a taking-over aggregator fills from kept partials at most. */
export const BACKFILL_SECONDS = 60;
/**
 * A process's partial stands in for a missing one this long: a newer second's (a late partial must not drop its
 * viewers) or, while a new aggregator catches up, an older one's.
 */
export const CARRY_MS = 3_000;
/** The record's cumulative figures are read again after this long. */
const TOTALS_REFRESH_MS = 2_000;

type Lead = {
  phase: Phase;
  /** The newest second merged (ms). */
  lastT: number;
  peak: number;
  totals: RecordTotals;
  totalsAt: number;
  /** When this process took the event over: the newest seconds wait for CARRY_MS after it. */
  begunAt: number;
  /** Each process's newest partial, to carry over a second it is late for. */
  carried: Map<string, PartialTick>;
};

export type AggregatorDeps = {
  partials: PartialStore;
  record: RecordReader;
  clock: Clock;
  logger: Logger;
  /** Storage and every process's dashboards get the tick. */
  emit(tick: Tick): void;
};

export type Aggregator = {
  /** Merges every second due of the events listed: those in rehearsal or live whose lease this process holds. */
  run(events: ReadonlyArray<{ id: string; phase: Phase }>, second: number): Promise<void>;
};

export function createAggregator(deps: AggregatorDeps): Aggregator {
  const leads = new Map<string, Lead>();

  const begin = async (eventId: string, phase: Phase, second: number): Promise<Lead> => {
    const last = await deps.record.lastTick(eventId, phase);
    const lastT = Math.max(last?.t ?? 0, second - (BACKFILL_SECONDS + 1) * 1000);
    const now = deps.clock.now();
    const totals = await deps.record.totals(eventId, phase);
    deps.logger.info({ eventId, phase, from: lastT }, 'aggregating this event');
    return { phase, lastT, peak: last?.viewers.peak ?? 0, totals, totalsAt: now, begunAt: now, carried: new Map() };
  };

  /** `later`: the partials of the seconds after `t` read in the same pass (a catch-up), oldest first. */
  const mergeSecond = (
    eventId: string,
    lead: Lead,
    t: number,
    fresh: PartialTick[],
    later: readonly PartialTick[],
  ): Tick | null => {
    const parts = new Map(fresh.map((p) => [p.instance, p]));
    const standIn = (p: PartialTick) => {
      if (!parts.has(p.instance) && Math.abs(t - p.t) <= CARRY_MS)
        parts.set(p.instance, { ...p, ingest: { samples: 0, invalid: 0 } });
    };
    lead.carried.forEach(standIn);
    later.forEach(standIn);
    for (const p of fresh) lead.carried.set(p.instance, p);
    for (const [instance, old] of lead.carried) if (t - old.t > CARRY_MS) lead.carried.delete(instance);
    if (parts.size === 0) return null;
    return mergeTick({ eventId, phase: lead.phase, t, peak: lead.peak }, [...parts.values()], lead.totals);
  };

  const step = async (eventId: string, phase: Phase, second: number): Promise<void> => {
    let lead = leads.get(eventId);
    if (!lead || lead.phase !== phase) {
      lead = await begin(eventId, phase, second);
      leads.set(eventId, lead);
    }
    if (deps.clock.now() - lead.totalsAt >= TOTALS_REFRESH_MS) {
      lead.totals = await deps.record.totals(eventId, phase);
      lead.totalsAt = deps.clock.now();
    }
    const from = Math.max(lead.lastT + 1000, second - BACKFILL_SECONDS * 1000);
    const young = deps.clock.now() - lead.begunAt < CARRY_MS;
    const until = young ? second - CARRY_MS : second;
    const seconds: number[] = [];
    for (let t = from; t <= until; t += 1000) seconds.push(t);
    const read = await Promise.all(seconds.map((t) => deps.partials.read(eventId, phase, t)));
    const later = await Promise.all(
      young
        ? Array.from({ length: CARRY_MS / 1000 }, (_, i) => deps.partials.read(eventId, phase, until + (i + 1) * 1000))
        : [],
    );
    for (const [i, t] of seconds.entries()) {
      const after = [...read.slice(i + 1), ...later].flat();
      const tick = mergeSecond(eventId, lead, t, read[i] ?? [], after);
      lead.lastT = t;
      if (!tick) continue;
      lead.peak = tick.viewers.peak;
      deps.emit(tick);
    }
  };

  return {
    async run(events, second) {
      const live = new Set(events.map((e) => e.id));
      for (const id of leads.keys()) if (!live.has(id)) leads.delete(id);
      await Promise.all(
        events.map((e) =>
          step(e.id, e.phase, second).catch((err: unknown) =>
            deps.logger.warn({ err, eventId: e.id }, 'aggregating a second failed; the next second retries'),
          ),
        ),
      );
    },
  };
}
