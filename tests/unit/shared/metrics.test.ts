import { describe, expect, it } from 'vitest';
import { deriveMetrics } from '../../../shared/metrics.ts';
import type { StatsSample } from '../../../shared/stats-sample.ts';

const base: StatsSample = {
  seq: 1,
  t: 10_000,
  st: 'connected',
  vi: {
    ss: 1,
    c: 'AV1',
    by: 1_000_000,
    pr: 1000,
    pl: 10,
    fd: 300,
    fz: 1,
    fzd: 0.5,
    j: 0.004,
    jbd: 3,
    jbe: 300,
    h: 720,
    w: 1280,
  },
  au: { ss: 2, by: 50_000, pr: 500, pl: 0, tsr: 480_000, cs: 100, scs: 40 },
  ne: { rtt: 0.042 },
};
const next = (patch: {
  vi?: Partial<NonNullable<StatsSample['vi']>>;
  au?: Partial<NonNullable<StatsSample['au']>>;
  t?: number;
}): StatsSample => ({
  ...base,
  seq: 2,
  t: patch.t ?? 12_000,
  vi: { ...base.vi!, ...patch.vi },
  au: { ...base.au!, ...patch.au },
});

describe('deriveMetrics', () => {
  it('derives bitrate, loss, fps, jitter buffer, freezes and audible concealment from cumulative counters', () => {
    const m = deriveMetrics(
      base,
      next({
        vi: { by: 1_250_000, pr: 1200, pl: 12, fd: 360, fz: 2, fzd: 0.8, jbd: 4.2, jbe: 360 },
        au: { by: 60_000, pr: 600, tsr: 576_000, cs: 1_060, scs: 40 },
      }),
    );
    expect(m).toMatchObject({
      dtMs: 2000,
      kbps: 1040, // (250 000 + 10 000) bytes × 8 / 2 s
      videoKbps: 1000,
      lossPct: 0.662, // 2 lost of 300 expected (200 + 100 received + 2 lost)
      fps: 30,
      jitterBufferMs: 20, // 1.2 s over 60 frames
      freezes: 1,
      freezeMs: 300,
      concealPct: 1, // 960 audible of 96 000
      rttMs: 42,
      jitterMs: 4,
      height: 720,
      codec: 'AV1',
      stalled: false,
    });
  });

  it('treats a new SSRC as a reset: that stream contributes nothing to the interval', () => {
    const m = deriveMetrics(
      base,
      next({ vi: { ss: 99, by: 10_000, pr: 10, pl: 0, fd: 3 }, au: { by: 60_000, pr: 600 } }),
    );
    expect(m?.videoKbps).toBeNull();
    expect(m?.kbps).toBe(40); // audio only
    expect(m?.fps).toBeNull(); // no delta, and the sample carries no instant framesPerSecond
  });

  it('treats counters that went backwards as a reset', () => {
    const m = deriveMetrics(base, next({ vi: { by: 10, pr: 5 } }));
    expect(m?.videoKbps).toBeNull();
  });

  it('clamps a decreasing packetsLost to zero loss', () => {
    const m = deriveMetrics(base, next({ vi: { by: 1_100_000, pr: 1100, pl: 5 }, au: { by: 60_000, pr: 600 } }));
    expect(m?.lossPct).toBe(0);
  });

  it('returns null for an empty or backwards interval', () => {
    expect(deriveMetrics(base, { ...base, seq: 2 })).toBeNull();
    expect(deriveMetrics(base, { ...base, seq: 2, t: 9_000 })).toBeNull();
  });

  it('flags a stall: connected, no frame decoded and no packet for over 2 s', () => {
    const m = deriveMetrics(base, next({ vi: { lp: 2500 }, au: {} }));
    expect(m?.stalled).toBe(true);
    expect(m?.fps).toBe(0);
  });
});

describe('deriveMetrics bounds (issue 10: bitrate p90 7.2e16 kbps, fps p90 1e15)', () => {
  it('reports no rate from counters that jump beyond physical bounds', () => {
    const m = deriveMetrics(base, next({ vi: { by: 1e15, fd: 1e15 }, au: { by: 60_000, tsr: 1e15, cs: 1e15 } }));
    expect(m?.videoKbps).toBeNull();
    expect(m?.kbps).toBe(40); // the audio alone
    expect(m?.concealPct).toBeNull();
  });

  it('caps fps at 240 and concealment at 100 %, and drops an impossible jitter-buffer delay', () => {
    const m = deriveMetrics(
      base,
      next({ t: 10_010, vi: { by: 1_000_100, fd: 400, jbd: 1e9, jbe: 301 }, au: { tsr: 480_100, cs: 1_000, scs: 40 } }),
    );
    expect(m?.fps).toBe(240);
    expect(m?.concealPct).toBe(100);
    expect(m?.jitterBufferMs).toBeNull();
  });

  it('folds the codec into the known set', () => {
    expect(deriveMetrics(base, next({ vi: { c: 'constructor' } }))?.codec).toBe('other');
    expect(deriveMetrics(base, next({ vi: { c: 'vp9' } }))?.codec).toBe('VP9');
  });
});
