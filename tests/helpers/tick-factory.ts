/**
 * @module Ticks for tests: a complete, valid Tick (10 viewers watching AV1 in good quality) that a test overrides
 * where it cares, so a field added to shared/tick.ts is added here once rather than in every hand-built tick.
 */
import type { Tick, TickViewers } from '../../shared/tick.ts';

/** The viewer counts of a tick: zero but for those given. */
export const tickViewers = (counts: Partial<TickViewers> = {}): TickViewers => ({
  connected: 0,
  joining: 0,
  watching: 0,
  failed: 0,
  total: 0,
  peak: 0,
  sfu: null,
  sfuGap: null,
  ...counts,
});

export function makeTick(t: number, patch: Partial<Tick> = {}): Tick {
  return {
    t,
    eventId: 'ev-1',
    phase: 'live',
    viewers: tickViewers({ watching: 10, total: 10, peak: 10 }),
    codecs: { AV1: 10 },
    decoders: {},
    resolutions: {},
    browsers: {},
    os: {},
    bitrateKbps: { p10: 800, p50: 1200, p90: 1500, n: 10 },
    lossPct: null,
    jitterMs: null,
    jitterBufferMs: null,
    rttMs: null,
    fps: null,
    height: null,
    freezesPerMin: null,
    bands: { good: 10, fair: 0, poor: 0 },
    reasons: {},
    funnel: { page: 10, preflight: 10, signaling: 10, offer: 10, connected: 10, 'first-frame': 10, playing: 10 },
    failures: {},
    endings: { left: 0, shutdown: 0, lost: 0, 'phase-end': 0 },
    ttffMs: null,
    ingest: { samples: 0, invalid: 0 },
    ...patch,
  };
}

/** `n` ticks one second apart ending at `end`. */
export const ticksUntil = (end: number, n: number, patch: Partial<Tick> = {}): Tick[] =>
  Array.from({ length: n }, (_, i) => makeTick(end - (n - 1 - i) * 1000, patch));
