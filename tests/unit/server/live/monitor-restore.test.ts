import { expect, it } from 'vitest';
import { restoreMonitor } from '../../../../server/live/monitor-restore.ts';
import { buildTick } from '../../../../server/live/tick-builder.ts';
import { connectViewer, ingestSamples } from '../../../../server/live/event-monitor.ts';
import type { SessionRow } from '../../../../server/storage/rows.ts';
import type { Tick } from '../../../../shared/tick.ts';
import { parseUserAgent } from '../../../../shared/user-agent.ts';

const T0 = 1_800_000_000_000;

const row = (sessionId: string, patch: Partial<SessionRow> = {}): SessionRow => ({
  eventId: 'ev',
  sessionId,
  phase: 'live',
  browser: 'Firefox',
  browserVersion: '153.0',
  os: 'Linux',
  firstSeen: T0,
  lastSeen: T0 + 5000,
  lastSeq: 5,
  state: 'watching',
  codec: 'AV1',
  ttffMs: null,
  stage: 'page',
  stageTimes: { page: T0 },
  checkpoint: null,
  failure: null,
  endedAt: null,
  ending: null,
  connects: 1,
  totals: null,
  ...patch,
});

it('rebuilds funnel, failures, endings, TTFF, peak and the session list from the stored record', () => {
  const sample = {
    seq: 5,
    t: T0 + 5000,
    st: 'connected' as const,
    vi: { ss: 1, c: 'AV1', by: 500_000, pr: 500, pl: 0, fd: 150 },
  };
  const seed = {
    eventId: 'ev',
    phase: 'live' as const,
    sessions: [
      row('watcher-1', { stage: 'playing', ttffMs: 900, checkpoint: sample, connects: 2 }),
      row('watcher-2', { stage: 'first-frame', ttffMs: 1500 }),
      row('left-1', { stage: 'connected', ending: 'left', endedAt: T0 + 3000 }),
      row('failed-1', { stage: 'signaling', failure: { category: 'signaling-rejected', t: T0 + 100 } }),
    ],
    failures: { 'signaling-rejected': 1 },
    ticks: [{ viewers: { peak: 3 } }, { viewers: { peak: 2 } }] as Tick[],
  };
  const m = restoreMonitor(seed, T0 + 60_000);
  expect(m.funnel).toEqual({
    page: 4,
    preflight: 4,
    signaling: 4,
    offer: 3,
    connected: 3,
    'first-frame': 2,
    playing: 1,
  });
  expect(m.peak).toBe(3);
  const tick = buildTick(m, T0 + 60_000);
  expect(tick.failures).toEqual({ 'signaling-rejected': 1 });
  expect(tick.endings.left).toBe(1);
  expect(tick.ttffMs).toMatchObject({ p50: 900, n: 2 });
  expect(tick.viewers).toMatchObject({ total: 3, failed: 1, peak: 3 });
  expect(m.viewers.get('watcher-1')).toMatchObject({
    connected: false,
    disconnectedAt: T0 + 60_000,
    lastSeq: 5,
    connects: 2,
  });

  // The viewer reconnects and continues from its stored seq and counters: nothing counted twice.
  const s = connectViewer(m, 'watcher-1', parseUserAgent(undefined), T0 + 61_000, 'socket-new');
  expect(ingestSamples(m, s, [sample], T0 + 61_000)).toBe(5);
  expect(
    ingestSamples(
      m,
      s,
      [{ ...sample, seq: 6, t: T0 + 6000, vi: { ...sample.vi, by: 625_000, pr: 625, fd: 180 } }],
      T0 + 61_500,
    ),
  ).toBe(6);
  expect(s.connects).toBe(3);
  expect(s.current?.kbps).toBe(1000);
  expect(buildTick(m, T0 + 61_500).funnel.playing).toBe(1);
});
