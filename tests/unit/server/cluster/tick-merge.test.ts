/**
 * Partial ticks merge into the tick one process would have built: viewers split over three monitors give the same
 * counts, breakdowns and bands as all of them in one, and distributions within the sketch's α.
 */
import { expect, it } from 'vitest';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import { VIEWER_DISTS } from '../../../../shared/tick.ts';
import { parseUserAgent } from '../../../../shared/user-agent.ts';
import { SKETCH_ALPHA } from '../../../../server/cluster/ddsketch.ts';
import { parsePartial } from '../../../../server/cluster/partial-schema.ts';
import { buildPartial } from '../../../../server/cluster/partial-tick.ts';
import { mergeTick, type RecordTotals } from '../../../../server/cluster/tick-merge.ts';
import {
  connectViewer,
  createMonitor,
  ingestSamples,
  type EventMonitor,
} from '../../../../server/live/event-monitor.ts';
import { buildTick } from '../../../../server/live/tick-builder.ts';

const T0 = 1_800_000_000_000;
const NOW = T0 + 12_500;
const chrome = parseUserAgent(
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
);
const firefox = parseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:153.0) Gecko/20100101 Firefox/153.0');

/** Twelve seconds of samples at `kbps`, with loss every `lossEvery` packets. */
function samples(kbps: number, height: number, lossEvery: number): StatsSample[] {
  return Array.from({ length: 12 }, (_, i) => {
    const seq = i + 1;
    return {
      seq,
      t: T0 + seq * 1000,
      st: 'connected' as const,
      vi: {
        ss: 7,
        c: 'AV1',
        by: ((kbps * 1000) / 8) * seq,
        pr: 100 * seq,
        pl: Math.floor((seq * 100) / lossEvery),
        fd: 30 * seq,
        h: height,
        w: 1280,
        jbd: 0.6 * seq,
        jbe: 30 * seq,
      },
      ne: { rtt: 0.02 + (kbps % 7) / 100 },
    };
  });
}

function watch(m: EventMonitor, i: number): void {
  const s = connectViewer(m, `viewer-${i}`, i % 3 === 0 ? firefox : chrome, T0);
  ingestSamples(m, s, samples(300 + i * 37, i % 4 === 0 ? 1080 : 720, 20 + (i % 9) * 40), NOW);
}

const totals: RecordTotals = {
  funnel: { page: 90, preflight: 90, signaling: 80, connected: 70, 'first-frame': 60 } as RecordTotals['funnel'],
  failures: { 'ice-failed': 3 },
  endings: { left: 2, shutdown: 0, lost: 1, 'phase-end': 0 },
  ttffMs: { p10: 900, p50: 1300, p90: 2500, n: 60 },
};

it('three processes merge into the tick one process builds from all their viewers', () => {
  const whole = createMonitor('ev', 'live', T0);
  const parts = [0, 1, 2].map(() => createMonitor('ev', 'live', T0));
  for (let i = 0; i < 60; i++) {
    watch(whole, i);
    watch(parts[i % 3] as EventMonitor, i);
  }
  connectViewer(parts[1] as EventMonitor, 'only-connected', chrome, NOW); // page open, nothing more

  connectViewer(whole, 'only-connected', chrome, NOW);
  const exact = buildTick(whole, NOW);
  const wire = parts.map((m, i) => parsePartial(JSON.stringify(buildPartial(m, `p${i}`, T0 + 12_000, NOW))));
  const partials = wire.map((w) => (w.ok ? w.partial : expect.unreachable(w.reason)));
  const merged = mergeTick({ eventId: 'ev', phase: 'live', t: T0 + 12_000, peak: 50 }, partials, totals);

  expect(merged.viewers).toEqual({ ...exact.viewers, peak: 60 });
  for (const key of ['codecs', 'resolutions', 'browsers', 'os', 'bands', 'reasons'] as const) {
    expect({ ...merged[key] }, key).toEqual({ ...exact[key] });
  }
  for (const key of VIEWER_DISTS) {
    const e = exact[key];
    const m = merged[key];
    expect(m?.n, key).toBe(e?.n);
    if (e === null) continue;
    for (const q of ['p10', 'p50', 'p90'] as const) {
      expect(Math.abs((m?.[q] ?? NaN) - e[q]), `${key} ${q}`).toBeLessThanOrEqual(e[q] * SKETCH_ALPHA + 1e-9);
    }
  }
  // The cumulative figures are the record's, whoever saw which viewer.
  expect(merged.funnel).toEqual(totals.funnel);
  expect(merged.endings).toEqual(totals.endings);
  expect(merged.ttffMs).toEqual(totals.ttffMs);
});

it('takes Sora count from a webhook over a viewer report, and sums ingest', () => {
  const a = createMonitor('ev', 'live', T0);
  const b = createMonitor('ev', 'live', T0);
  a.ingest = { samples: 10, invalid: 1 };
  b.ingest = { samples: 5, invalid: 0 };
  b.sfu.webhook = { recvonly: 42, t: T0 };
  const pa = buildPartial(a, 'a', T0, NOW);
  const pb = buildPartial(b, 'b', T0, NOW);
  expect(a.ingest).toEqual({ samples: 0, invalid: 0 }); // taken by the partial
  const tick = mergeTick({ eventId: 'ev', phase: 'live', t: T0, peak: 0 }, [pa, pb], totals);
  expect(tick.ingest).toEqual({ samples: 15, invalid: 1 });
  expect(tick.viewers.sfu).toBe(42);
});

it('refuses a partial that is not one, saying why', () => {
  expect(parsePartial('{')).toEqual({ ok: false, reason: 'not JSON' });
  const bad = parsePartial(JSON.stringify({ instance: 'x', t: -1 }));
  expect(bad.ok).toBe(false);
});
