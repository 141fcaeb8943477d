import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import { parseUserAgent } from '../../../../shared/user-agent.ts';
import {
  connectViewer,
  createMonitor,
  disconnectViewer,
  ingestSamples,
  recordLeave,
  recordStep,
  recordViewerFailure,
  rememberTick,
  retire,
  sweep,
} from '../../../../server/live/event-monitor.ts';
import { recordWebhookCount } from '../../../../server/sora/sfu-count.ts';
import { buildTick } from '../../../../server/live/tick-builder.ts';

const chrome = parseUserAgent(
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
);
const T0 = 1_800_000_000_000;

function samples(
  from: number,
  to: number,
  opts: { codec?: string; kbps?: number; lossEvery?: number; height?: number } = {},
): StatsSample[] {
  const out: StatsSample[] = [];
  const bytesPerSec = ((opts.kbps ?? 1000) * 1000) / 8;
  for (let seq = from; seq <= to; seq++) {
    const lost = opts.lossEvery ? Math.floor((seq * 100) / opts.lossEvery) : 0;
    out.push({
      seq,
      t: T0 + seq * 1000,
      st: 'connected',
      vi: {
        ss: 7,
        c: opts.codec ?? 'AV1',
        by: bytesPerSec * seq,
        pr: 100 * seq,
        pl: lost,
        fd: 30 * seq,
        h: opts.height ?? 720,
        w: 1280,
        jbd: 0.6 * seq,
        jbe: 30 * seq,
      },
      ne: { rtt: 0.05 },
    });
  }
  return out;
}

describe('event monitor and tick', () => {
  it('aggregates states, codecs, p10/p50/p90 and quality bands across viewers', () => {
    const m = createMonitor('ev', 'live', T0);
    const now = T0 + 12_500;
    const kbps = [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000];
    kbps.forEach((k, i) => {
      const s = connectViewer(m, `viewer-${i}`, chrome, T0);
      ingestSamples(
        m,
        s,
        samples(1, 12, { kbps: k, codec: i < 7 ? 'AV1' : 'VP9', lossEvery: i === 9 ? 10 : undefined }),
        now,
      );
    });
    connectViewer(m, 'viewer-idle', chrome, T0); // page open, nothing else yet
    const tick = buildTick(m, now);
    expect(tick.viewers).toMatchObject({ watching: 10, connected: 1, joining: 0, failed: 0, total: 11, peak: 10 });
    expect(tick.codecs).toEqual({ AV1: 7, VP9: 3 });
    expect(tick.bitrateKbps).toEqual({ p10: 500, p50: 2500, p90: 4500, n: 10 });
    expect(tick.bands).toEqual({ good: 9, fair: 0, poor: 1 });
    expect(tick.reasons).toEqual({ loss: 1 });
    expect(tick.rttMs?.p50).toBe(50);
    expect(tick.jitterBufferMs?.p50).toBe(20);
    expect(tick.resolutions).toEqual({ '720p': 10 });
    expect(tick.browsers).toEqual({ Chrome: 11 });
  });

  it('dedupes samples by seq and acks the highest stored', () => {
    const m = createMonitor('ev', 'live', T0);
    const s = connectViewer(m, 'viewer-1', chrome, T0);
    expect(ingestSamples(m, s, samples(1, 5), T0 + 6000)).toBe(5);
    expect(ingestSamples(m, s, samples(3, 7), T0 + 8000)).toBe(7);
    expect(m.ingest.samples).toBe(7);
  });

  it('keeps a viewer watching between batches as far apart as the cadence it was asked for, not longer', () => {
    const m = createMonitor('ev', 'live', T0);
    const quick = connectViewer(m, 'viewer-2s', chrome, T0);
    const slow = connectViewer(m, 'viewer-30s', chrome, T0);
    slow.cadenceMs = 30_000; // the server stepped the cadence up under load
    for (const s of [quick, slow]) ingestSamples(m, s, samples(1, 12), T0 + 12_000);
    expect(buildTick(m, T0 + 12_000 + 15_000).viewers).toMatchObject({ watching: 1, joining: 1 });
    expect(buildTick(m, T0 + 12_000 + 59_000).viewers.watching).toBe(1);
    expect(buildTick(m, T0 + 12_000 + 61_000).viewers).toMatchObject({ watching: 0, joining: 2 });
  });

  it('counts the funnel once per viewer, TTFF from page open to first frame, and failures by category', () => {
    const m = createMonitor('ev', 'live', T0);
    const a = connectViewer(m, 'viewer-a', chrome, T0);
    recordStep(m, a, { stage: 'page', t: T0 });
    recordStep(m, a, { stage: 'signaling', t: T0 + 100 });
    recordStep(m, a, { stage: 'first-frame', t: T0 + 1800 });
    recordStep(m, a, { stage: 'first-frame', t: T0 + 1900 });
    const b = connectViewer(m, 'viewer-b', chrome, T0);
    recordStep(m, b, { stage: 'page', t: T0 });
    recordViewerFailure(m, b, { category: 'signaling-rejected', t: T0 + 500, code: 4001, reason: 'AUTH' }, T0 + 600);
    const tick = buildTick(m, T0 + 2000);
    expect(tick.funnel).toMatchObject({
      page: 2,
      preflight: 1,
      signaling: 1,
      offer: 1,
      connected: 1,
      'first-frame': 1,
      playing: 0,
    });
    expect(tick.ttffMs).toEqual({ p10: 1800, p50: 1800, p90: 1800, n: 1 });
    expect(tick.failures).toEqual({ 'signaling-rejected': 1 });
    expect(tick.viewers.failed).toBe(1);
    expect(m.newFailures).toMatchObject([
      { category: 'signaling-rejected', sessionId: 'viewer-b', browser: 'Chrome', os: 'Linux' },
    ]);
  });

  it('updates the TTFF distribution when another viewer reaches its first frame', () => {
    const m = createMonitor('ev', 'live', T0);
    for (const [id, ttff] of [
      ['viewer-a', 1000],
      ['viewer-b', 3000],
    ] as const) {
      const s = connectViewer(m, id, chrome, T0);
      recordStep(m, s, { stage: 'page', t: T0 });
      recordStep(m, s, { stage: 'first-frame', t: T0 + ttff });
      expect(buildTick(m, T0 + 5000).ttffMs?.p90).toBe(ttff);
    }
    expect(buildTick(m, T0 + 6000).ttffMs).toEqual({ p10: 1000, p50: 1000, p90: 3000, n: 2 });
  });

  it('keeps Sora’s webhook count by latest timestamp and reports the gap to telemetry', () => {
    const m = createMonitor('ev', 'live', T0);
    const s = connectViewer(m, 'viewer-1', chrome, T0);
    ingestSamples(m, s, samples(1, 4), T0 + 4500);
    recordWebhookCount(m.sfu, 5, T0 + 2000);
    recordWebhookCount(m.sfu, 3, T0 + 1000); // older: ignored
    expect(buildTick(m, T0 + 4500).viewers).toMatchObject({ sfu: 5, sfuGap: 4 });
  });

  it('ends a session as lost after the reconnect grace period, keeping it listed and counted apart', () => {
    const m = createMonitor('ev', 'live', T0);
    connectViewer(m, 'viewer-1', chrome, T0, 'socket-a');
    disconnectViewer(m, 'viewer-1', 'socket-a', T0 + 1000);
    sweep(m, T0 + 10_000);
    expect(m.viewers.get('viewer-1')?.ending).toBeNull();
    expect(buildTick(m, T0 + 10_000).viewers.total).toBe(1);
    sweep(m, T0 + 40_000);
    expect(m.viewers.get('viewer-1')?.ending).toMatchObject({ how: 'lost', at: T0 + 40_000 });
    const tick = buildTick(m, T0 + 40_000);
    expect(tick.viewers.total).toBe(0);
    expect(tick.endings).toEqual({ left: 0, shutdown: 0, lost: 1, 'phase-end': 0 });
  });

  it('counts one session once when the superseded socket disconnects after the new one connected', () => {
    const m = createMonitor('ev', 'live', T0);
    const s = connectViewer(m, 'viewer-1', chrome, T0, 'socket-a');
    recordStep(m, s, { stage: 'page', t: T0 });
    ingestSamples(m, s, samples(1, 5), T0 + 5000);
    connectViewer(m, 'viewer-1', chrome, T0 + 6000, 'socket-b'); // a network blip: the new socket is first
    disconnectViewer(m, 'viewer-1', 'socket-a', T0 + 6100); // … and the old one's disconnect arrives late
    disconnectViewer(m, 'viewer-unknown', 'socket-x', T0 + 6100); // a disconnect for a session never seen
    ingestSamples(m, s, samples(6, 8), T0 + 8000);
    sweep(m, T0 + 60_000);
    expect(s).toMatchObject({ connected: true, socketId: 'socket-b', connects: 2, firstSeen: T0, ending: null });
    const tick = buildTick(m, T0 + 8000);
    expect(tick.viewers).toMatchObject({ watching: 1, total: 1 });
    expect(tick.funnel).toMatchObject({ page: 1, 'first-frame': 1 });
    expect(m.viewers.size).toBe(1);
  });

  it('ends a session on leave and reopens it on later activity, counting it once', () => {
    const m = createMonitor('ev', 'live', T0);
    const s = connectViewer(m, 'viewer-1', chrome, T0, 'socket-a');
    ingestSamples(m, s, samples(1, 4), T0 + 4000);
    recordLeave(m, s, T0 + 4_500, T0 + 4_600);
    ingestSamples(m, s, samples(4, 4), T0 + 4_700); // a batch that was in flight: older than the leave
    expect(buildTick(m, T0 + 4_700).viewers.total).toBe(0);
    expect(m.endings.left).toBe(1);
    ingestSamples(m, s, samples(5, 7), T0 + 7_000); // the page came back (bfcache)
    const tick = buildTick(m, T0 + 7_000);
    expect(tick.viewers).toMatchObject({ watching: 1, total: 1 });
    expect(tick.endings.left).toBe(0);
  });

  it('ends every open session of a phase the event left', () => {
    const m = createMonitor('ev', 'live', T0);
    connectViewer(m, 'viewer-1', chrome, T0, 'socket-a');
    connectViewer(m, 'viewer-2', chrome, T0, 'socket-b');
    retire(m, T0 + 9000);
    expect(buildTick(m, T0 + 9000).endings['phase-end']).toBe(2);
  });

  it('bounds the in-memory tick history', () => {
    const m = createMonitor('ev', 'live', T0);
    for (let i = 0; i < 3700; i++) rememberTick(m, buildTick(m, T0 + i * 1000));
    expect(m.ticks.length).toBe(3600);
  });
});
