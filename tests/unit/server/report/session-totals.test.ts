/**
 * Running report totals: the fold's rules per bucket, a bucket written again replacing its first version, and the
 * live record's totals equal to a fold over the history rows it wrote — across a restart inside a bucket.
 */
import { describe, expect, it } from 'vitest';
import { connectViewer, createMonitor, ingestSamples } from '../../../../server/live/event-monitor.ts';
import { restoreMonitor } from '../../../../server/live/monitor-restore.ts';
import { collectRecord } from '../../../../server/record/record-batch.ts';
import {
  addBucket,
  aggregateOf,
  emptyTotals,
  problemKind,
  totalsOf,
} from '../../../../server/report/session-totals.ts';
import { encodeHistory, type EncodedHistory } from '../../../../server/storage/history-codec.ts';
import type { HistoryRow } from '../../../../shared/viewer.ts';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import { VIEWER_STATES } from '../../../../shared/tick.ts';
import { parseUserAgent } from '../../../../shared/user-agent.ts';

const chrome = parseUserAgent(
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
);
const T0 = 1_800_000_000_000;

const bucket = (patch: Partial<EncodedHistory> = {}): EncodedHistory => ({
  t: T0 / 1000,
  state: VIEWER_STATES.indexOf('watching'),
  kbps: 2000,
  loss_bp: 10,
  jitter_ms: 5,
  jitter_buffer_ms: 60,
  rtt_ms: 40,
  fps_x10: 300,
  height: 720,
  freezes: 0,
  freeze_ms: 0,
  conceal_bp: 0,
  band: 0,
  ...patch,
});

describe('the fold of one bucket', () => {
  it('names the first failing dimension in priority order, and a stall when none fails', () => {
    expect(problemKind(bucket())).toBeNull();
    expect(problemKind(bucket({ band: 2, freeze_ms: 600, loss_bp: 900 }))).toBe('poor-freeze');
    expect(problemKind(bucket({ band: 2, freezes: 1, freeze_ms: 2_100 }))).toBe('poor-freeze');
    expect(problemKind(bucket({ band: 2, loss_bp: 501, rtt_ms: 900 }))).toBe('poor-loss');
    expect(problemKind(bucket({ band: 1, jitter_buffer_ms: 151 }))).toBe('fair-jitter-buffer');
    expect(problemKind(bucket({ band: 1, rtt_ms: null }))).toBe('fair-stall');
    expect(problemKind(bucket({ band: 2 }))).toBe('poor-stall');
  });

  it('adds bands, watching time, frozen time, picture and loss; missing values count nowhere', () => {
    const t = totalsOf([
      bucket({ t: 1 }),
      bucket({ t: 2, band: 2, loss_bp: 600, height: 1080 }),
      bucket({
        t: 3,
        state: VIEWER_STATES.indexOf('joining'),
        band: null,
        height: null,
        loss_bp: null,
        freeze_ms: 300,
      }),
    ]);
    expect(aggregateOf(t)).toEqual({
      watching: 2,
      good: 1,
      fair: 0,
      poor: 1,
      frozenMs: 300,
      pictureSum: 85 + 100,
      pictureN: 2,
      lossBpSum: 610,
      lossN: 2,
      kinds: { 'poor-loss': 1 },
    });
  });

  it('replaces the newest bucket when it is written again and ignores an older one', () => {
    const t = emptyTotals();
    addBucket(t, bucket({ t: 10, band: 2, loss_bp: 900 }));
    addBucket(t, bucket({ t: 10, band: 0, loss_bp: 20 })); // the same bucket, complete after a restart
    addBucket(t, bucket({ t: 9, band: 2 })); // late: already behind
    expect(aggregateOf(t)).toMatchObject({ good: 1, poor: 0, lossBpSum: 20, lossN: 1, kinds: {} });
  });
});

function samples(from: number, to: number, lossy: boolean): StatsSample[] {
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const seq = from + i;
    return {
      seq,
      t: T0 + seq * 1000,
      st: 'connected',
      vi: {
        ss: 7,
        c: 'AV1',
        by: 250_000 * seq,
        pr: 100 * seq,
        pl: lossy ? 8 * seq : 0,
        fd: 30 * seq,
        h: 720,
        w: 1280,
        jbd: 0.6 * seq,
        jbe: 30 * seq,
      },
      ne: { rtt: 0.05 },
    } satisfies StatsSample;
  });
}

describe('totals kept by the live record', () => {
  it('equal a fold over the history rows written, across a restart inside a bucket', () => {
    const m = createMonitor('ev', 'live', T0);
    const s = connectViewer(m, 'viewer-1', chrome, T0);
    const history: HistoryRow[] = [];
    const rows = [];
    // Samples each second for 45 s, lossy from 20 s on; the record is collected every second.
    for (let sec = 1; sec <= 45; sec++) {
      ingestSamples(m, s, samples(sec, sec, sec > 20), T0 + sec * 1000 + 100);
      const batch = collectRecord([m], T0 + sec * 1000 + 200);
      history.push(...batch.history);
      rows.push(...batch.sessions);
    }
    // A clean stop writes the bucket in progress; the restarted server rewrites it when that bucket closes.
    const final = collectRecord([m], T0 + 45_300, true);
    history.push(...final.history);
    const stored = final.sessions.at(-1) ?? rows.at(-1);
    if (!stored) throw new Error('no session row written');
    const restarted = restoreMonitor(
      { eventId: 'ev', phase: 'live', sessions: [stored], failures: {}, ticks: [] },
      T0 + 46_000,
    );
    const again = connectViewer(restarted, 'viewer-1', chrome, T0 + 46_000);
    for (let sec = 46; sec <= 62; sec++) {
      ingestSamples(restarted, again, samples(sec, sec, true), T0 + sec * 1000 + 100);
      const batch = collectRecord([restarted], T0 + sec * 1000 + 200);
      history.push(...batch.history);
      rows.push(...batch.sessions);
    }
    const latest = new Map(history.map((h) => [h.t, encodeHistory(h)])); // a bucket written again replaces the first
    const expected = aggregateOf(totalsOf([...latest.values()]));
    expect(expected.poor + expected.fair).toBeGreaterThan(0);
    expect(latest.size).toBeGreaterThanOrEqual(5);
    expect(aggregateOf(again.totals ?? emptyTotals())).toEqual(expected);
    expect(aggregateOf(rows.at(-1)?.totals ?? emptyTotals())).toEqual(expected);
  });
});
