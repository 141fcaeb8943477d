/**
 * @module One process's share of an event's second (pure): what its own viewers look like (states, breakdowns,
 * bands, one mergeable sketch per metric), the samples it took in, and Sora's count as it heard it. Many processes'
 * partials merge into the event's tick (./tick-merge.ts); the wire form is checked on arrival (./partial-schema.ts).
 */
import { VIEWER_DISTS, type Tick, type ViewerDistKey, type ViewerState } from '../../shared/tick.ts';
import type { EventMonitor } from '../live/event-monitor.ts';
import { foldViewers } from '../live/tick-builder.ts';
import { monitorSfuCount } from '../sora/sfu-count.ts';
import { Sketch, type SketchJson } from './ddsketch.ts';

/** Breakdown keys a partial carries at most (the tick keeps 24 of the merged counts). */
export const PARTIAL_KEYS = 64;

/** The tick's own fields where a partial carries the same thing (its t, event, breakdowns, bands and ingest). */
type TickShare = Pick<
  Tick,
  't' | 'eventId' | 'phase' | 'codecs' | 'decoders' | 'resolutions' | 'browsers' | 'os' | 'bands' | 'reasons' | 'ingest'
>;

export type PartialTick = TickShare & {
  /** The process that built it. */
  instance: string;
  /** Viewers of this process by state (the tick adds total, peak and Sora's count). */
  states: Record<ViewerState, number>;
  /** One sketch per metric where the tick has p10/p50/p90. */
  dists: Record<ViewerDistKey, SketchJson>;
  /** Sora's count as this process knows it; a webhook's word beats a viewer's report. */
  sfu: { recvonly: number; t: number; webhook: boolean } | null;
};

/** This process's partial of `m` for the second starting at `second`; it takes the ingest counts (they restart at 0). */
export function buildPartial(m: EventMonitor, instance: string, second: number, now: number): PartialTick {
  const sketches = Object.fromEntries(VIEWER_DISTS.map((k) => [k, new Sketch()])) as Record<ViewerDistKey, Sketch>;
  const fold = foldViewers(m, now, (key, x) => sketches[key].add(x));
  const sfu = monitorSfuCount(m, now);
  const ingest = m.ingest;
  m.ingest = { samples: 0, invalid: 0 };
  return {
    instance,
    t: second,
    eventId: m.eventId,
    phase: m.phase,
    states: fold.states,
    codecs: fold.codecs.toRecord(PARTIAL_KEYS),
    decoders: fold.decoders.toRecord(PARTIAL_KEYS),
    resolutions: fold.resolutions.toRecord(PARTIAL_KEYS),
    browsers: fold.browsers.toRecord(PARTIAL_KEYS),
    os: fold.os.toRecord(PARTIAL_KEYS),
    bands: fold.bands,
    reasons: { ...fold.reasons },
    dists: Object.fromEntries(VIEWER_DISTS.map((k) => [k, sketches[k].toJSON()])) as Record<ViewerDistKey, SketchJson>,
    ingest,
    sfu: sfu && { ...sfu, webhook: m.sfu.webhook !== null },
  };
}
