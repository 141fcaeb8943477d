/** @module A minimal valid Tick for alert tests; override what a test cares about. */
import type { Tick } from '../../../../shared/tick.ts';

export function makeTick(t: number, patch: Partial<Tick> = {}): Tick {
  return {
    t,
    eventId: 'ev-1',
    phase: 'live',
    viewers: { connected: 0, joining: 0, watching: 10, failed: 0, total: 10, peak: 10, sfu: null, sfuGap: null },
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
