import { describe, expect, it } from 'vitest';
import type { ViewerMetrics } from '../../../shared/metrics.ts';
import { gradeViewer } from '../../../shared/quality.ts';

const healthy: ViewerMetrics = {
  dtMs: 10_000,
  kbps: 2000,
  videoKbps: 1960,
  lossPct: 0.1,
  jitterMs: 5,
  jitterBufferMs: 40,
  rttMs: 30,
  fps: 30,
  width: 1920,
  height: 1080,
  freezes: 0,
  freezeMs: 0,
  concealPct: 0.2,
  stalled: false,
  codec: 'AV1',
};

describe('gradeViewer', () => {
  it('is Good when every dimension is within its Fair threshold', () => {
    expect(gradeViewer(healthy)).toEqual({ band: 'good', reason: null });
  });
  it.each([
    [{ lossPct: 2 }, 'fair', 'loss'],
    [{ lossPct: 7 }, 'poor', 'loss'],
    [{ freezes: 1, freezeMs: 300 }, 'fair', 'freeze'], // 3 % of the window frozen
    [{ freezes: 1, freezeMs: 2500 }, 'poor', 'freeze'], // one long freeze
    [{ concealPct: 6 }, 'poor', 'concealment'],
    [{ jitterBufferMs: 200 }, 'fair', 'jitter-buffer'],
    [{ rttMs: 450 }, 'poor', 'rtt'],
    [{ stalled: true }, 'poor', 'stall'],
  ] as const)('%o → %s (%s)', (patch, band, reason) => {
    expect(gradeViewer({ ...healthy, ...patch })).toEqual({ band, reason });
  });
  it('names the worst dimension: Poor loss beats Fair RTT', () => {
    expect(gradeViewer({ ...healthy, rttMs: 300, lossPct: 6 })).toEqual({ band: 'poor', reason: 'loss' });
  });
  it('ignores dimensions the browser did not report', () => {
    expect(gradeViewer({ ...healthy, lossPct: null, rttMs: null, concealPct: null, jitterBufferMs: null })).toEqual({
      band: 'good',
      reason: null,
    });
  });
});
