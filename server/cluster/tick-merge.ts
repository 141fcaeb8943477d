/**
 * @module Merges the partials of one event's second into its tick (pure). Counts add up, sketches merge, breakdowns
 * add and keep the 24 biggest keys; the cumulative figures (funnel, failures, endings, TTFF) come from the event
 * record all processes write to (./record-totals.ts), so they stay whole whichever process saw which viewer.
 */
import type { Phase } from '../../shared/event.ts';
import type { FailureCategory, FunnelStage } from '../../shared/funnel.ts';
import {
  VIEWER_DISTS,
  type Dist,
  type QualityBand,
  type SessionEnding,
  type Tick,
  type ViewerDistKey,
  type ViewerState,
} from '../../shared/tick.ts';
import { Tally } from '../live/tally.ts';
import { tickViewers } from '../live/tick-builder.ts';
import { Sketch } from './ddsketch.ts';
import type { PartialTick } from './partial-tick.ts';

/** The phase's cumulative figures, as the record holds them. */
export type RecordTotals = {
  funnel: Record<FunnelStage, number>;
  failures: Partial<Record<FailureCategory, number>>;
  endings: Record<SessionEnding, number>;
  ttffMs: Dist;
};

const BREAKDOWNS = ['codecs', 'decoders', 'resolutions', 'browsers', 'os'] as const;

/** Sora's count: the newest webhook's if any partial has one, else the newest viewer report. */
function sfuOf(partials: readonly PartialTick[]): number | null {
  let best: PartialTick['sfu'] = null;
  for (const { sfu } of partials) {
    if (!sfu) continue;
    if (!best || (sfu.webhook && !best.webhook) || (sfu.webhook === best.webhook && sfu.t > best.t)) best = sfu;
  }
  return best?.recvonly ?? null;
}

/** The tick of second `t` of an event phase from its processes' partials; `peak` is the phase's peak before it. */
export function mergeTick(
  at: { eventId: string; phase: Phase; t: number; peak: number },
  partials: readonly PartialTick[],
  totals: RecordTotals,
): Tick {
  const states: Record<ViewerState, number> = { connected: 0, joining: 0, watching: 0, failed: 0 };
  const bands: Record<QualityBand, number> = { good: 0, fair: 0, poor: 0 };
  const reasons: Tick['reasons'] = Object.create(null) as Tick['reasons'];
  const tallies = Object.fromEntries(BREAKDOWNS.map((k) => [k, new Tally()])) as Record<
    (typeof BREAKDOWNS)[number],
    Tally
  >;
  const sketches = Object.fromEntries(VIEWER_DISTS.map((k) => [k, new Sketch()])) as Record<ViewerDistKey, Sketch>;
  const ingest = { samples: 0, invalid: 0 };
  for (const p of partials) {
    for (const s of Object.keys(states) as ViewerState[]) states[s] += p.states[s];
    for (const b of Object.keys(bands) as QualityBand[]) bands[b] += p.bands[b];
    for (const [reason, n] of Object.entries(p.reasons) as Array<[keyof Tick['reasons'], number]>) {
      reasons[reason] = (reasons[reason] ?? 0) + n;
    }
    for (const k of BREAKDOWNS) for (const [label, n] of Object.entries(p[k])) tallies[k].add(label, n);
    for (const k of VIEWER_DISTS) sketches[k].merge(p.dists[k]);
    ingest.samples += p.ingest.samples;
    ingest.invalid += p.ingest.invalid;
  }
  const sfu = sfuOf(partials);
  return {
    t: at.t,
    eventId: at.eventId,
    phase: at.phase,
    viewers: tickViewers(states, Math.max(at.peak, states.watching), sfu),
    codecs: tallies.codecs.toRecord(),
    decoders: tallies.decoders.toRecord(),
    resolutions: tallies.resolutions.toRecord(),
    browsers: tallies.browsers.toRecord(),
    os: tallies.os.toRecord(),
    ...(Object.fromEntries(VIEWER_DISTS.map((k) => [k, sketches[k].dist()])) as Record<ViewerDistKey, Dist>),
    bands,
    reasons,
    funnel: { ...totals.funnel },
    failures: { ...totals.failures },
    endings: { ...totals.endings },
    ttffMs: totals.ttffMs,
    ingest,
  };
}
