import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import { parseUserAgent } from '../../../../shared/user-agent.ts';
import { connectViewer, createMonitor, endSession, ingestSamples } from '../../../../server/live/event-monitor.ts';
import { countViewers } from '../../../../server/metrics/viewer-counts.ts';

const chrome = parseUserAgent(
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
);
const T0 = 1_800_000_000_000;

const watchingSamples = (n: number): StatsSample[] =>
  Array.from({ length: n }, (_, i) => ({
    seq: i + 1,
    t: T0 + (i + 1) * 1000,
    st: 'connected',
    vi: { ss: 7, c: 'AV1', by: 125_000 * (i + 1), pr: 100 * (i + 1), pl: 0, fd: 30 * (i + 1), h: 720, w: 1280 },
  }));

describe('countViewers', () => {
  it('counts open sessions per event phase by state, zeros included, ended sessions left out', () => {
    const live = createMonitor('ev-1', 'live', T0);
    const now = T0 + 5_500;
    ingestSamples(live, connectViewer(live, 'viewer-w1', chrome, T0), watchingSamples(5), now);
    ingestSamples(live, connectViewer(live, 'viewer-w2', chrome, T0), watchingSamples(5), now);
    connectViewer(live, 'viewer-c1', chrome, T0);
    endSession(live, connectViewer(live, 'viewer-gone', chrome, T0), 'left', now);
    const rehearsal = createMonitor('ev-1', 'rehearsal', T0);

    const rows = countViewers([live, rehearsal], now);
    expect(rows.filter((r) => r.phase === 'live')).toEqual([
      { event: 'ev-1', phase: 'live', state: 'connected', viewers: 1 },
      { event: 'ev-1', phase: 'live', state: 'joining', viewers: 0 },
      { event: 'ev-1', phase: 'live', state: 'watching', viewers: 2 },
      { event: 'ev-1', phase: 'live', state: 'failed', viewers: 0 },
    ]);
    expect(rows.filter((r) => r.phase === 'rehearsal').map((r) => r.viewers)).toEqual([0, 0, 0, 0]);
  });

  it('has no rows without monitors', () => {
    expect(countViewers([], T0)).toEqual([]);
  });
});
