/**
 * @module Builds the 1 s ticks of a seeded event from its sessions (pure): per 10 s bucket the mixes, bands, reasons
 * and p10/p50/p90 (from a bounded reservoir of viewer values), per second the joining/failed counts and the
 * cumulative funnel, failures, endings and time to first frame.
 */
import type { Phase } from '../../shared/event.ts';
import { atOrPast, emptyFunnel, FUNNEL_STAGES, stagesThrough, type FunnelStage } from '../../shared/funnel.ts';
import { distribution } from '../../shared/percentile.ts';
import type { Dist, QualityReason, SessionEnding, Tick } from '../../shared/tick.ts';
import { resolutionClass } from '../live/tick-builder.ts';
import type { Rng } from '../simulator/prng.ts';
import { SEED_BUCKET_MS, type SeedSession } from './seed-session.ts';

const RESERVOIR = 256;
const METRICS = ['kbps', 'loss', 'jitter', 'jb', 'rtt', 'fps', 'height', 'freezes'] as const;
type Metric = (typeof METRICS)[number];

type Bucket = {
  watching: number;
  good: number;
  fair: number;
  poor: number;
  reasons: Partial<Record<QualityReason, number>>;
  codecs: Record<string, number>;
  decoders: Record<string, number>;
  resolutions: Record<string, number>;
  browsers: Record<string, number>;
  os: Record<string, number>;
  seen: number;
  values: Record<Metric, number[]>;
};

type Moment = { t: number; apply(c: Cumulative): void };
type Cumulative = {
  funnel: Record<FunnelStage, number>;
  failures: Record<string, number>;
  endings: Record<SessionEnding, number>;
  ttffs: number[];
};

const bump = (m: Record<string, number>, key: string): void => {
  m[key] = (m[key] ?? 0) + 1;
};

export function createTickSeeder(eventId: string, phase: Phase, startMs: number, endMs: number, rng: Rng) {
  const seconds = Math.ceil((endMs - startMs) / 1000);
  const buckets: Bucket[] = Array.from({ length: Math.ceil(seconds / 10) }, () => ({
    watching: 0,
    good: 0,
    fair: 0,
    poor: 0,
    reasons: {},
    codecs: {},
    decoders: {},
    resolutions: {},
    browsers: {},
    os: {},
    seen: 0,
    values: Object.fromEntries(METRICS.map((m) => [m, []])) as unknown as Record<Metric, number[]>,
  }));
  const joining = new Int32Array(seconds + 1);
  const failed = new Int32Array(seconds + 1);
  const moments: Moment[] = [];
  const sec = (t: number): number => Math.min(seconds, Math.max(0, Math.floor((t - startMs) / 1000)));
  const span = (arr: Int32Array, from: number, to: number): void => {
    arr[sec(from)] = (arr[sec(from)] ?? 0) + 1;
    arr[sec(to)] = (arr[sec(to)] ?? 0) - 1;
  };

  function add(s: SeedSession): void {
    const { row } = s;
    const p = s.persona;
    s.history.forEach((h, i) => {
      const b = buckets[Math.floor((h.t - startMs) / SEED_BUCKET_MS)];
      if (!b) return;
      b.watching += 1;
      if (h.band) b[h.band] += 1;
      const reason = s.reasons[i];
      if (reason) b.reasons[reason] = (b.reasons[reason] ?? 0) + 1;
      bump(b.codecs, p.codec);
      if (row.checkpoint?.vi?.dec) bump(b.decoders, row.checkpoint.vi.dec);
      bump(b.resolutions, resolutionClass(p.height));
      bump(b.browsers, row.browser);
      bump(b.os, row.os);
      const sample: Record<Metric, number | null> = {
        kbps: h.kbps,
        loss: h.lossPct,
        jitter: h.jitterMs,
        jb: h.jitterBufferMs,
        rtt: h.rttMs,
        fps: h.fps,
        height: h.height,
        freezes: h.freezes * 6,
      };
      b.seen += 1;
      const slot = b.seen <= RESERVOIR ? b.seen - 1 : rng.int(0, b.seen - 1);
      if (slot < RESERVOIR) for (const m of METRICS) if (sample[m] !== null) b.values[m][slot] = sample[m] as number;
    });
    const firstFrame = row.stageTimes['first-frame'];
    const page = row.firstSeen;
    moments.push({ t: page, apply: (c) => stagesThrough('preflight').forEach((st) => (c.funnel[st] += 1)) });
    if (firstFrame !== undefined) {
      span(joining, page, firstFrame);
      moments.push({
        t: firstFrame,
        apply: (c) => {
          FUNNEL_STAGES.filter((st) => atOrPast(st, 'signaling')).forEach((st) => (c.funnel[st] += 1));
          if (row.ttffMs !== null) c.ttffs.push(row.ttffMs);
        },
      });
    }
    for (const f of s.failures) moments.push({ t: f.t, apply: (c) => bump(c.failures, f.category) });
    if (firstFrame === undefined && s.failures[0]) {
      span(joining, page, s.failures[0].t);
      span(failed, s.failures[0].t, row.endedAt ?? endMs);
    }
    const ending = row.ending;
    if (ending && row.endedAt !== null) moments.push({ t: row.endedAt, apply: (c) => (c.endings[ending] += 1) });
  }

  function* ticks(): Generator<Tick> {
    moments.sort((a, b) => a.t - b.t);
    const c: Cumulative = {
      funnel: emptyFunnel(),
      failures: {},
      endings: { left: 0, shutdown: 0, lost: 0, 'phase-end': 0 },
      ttffs: [],
    };
    let next = 0;
    let joiningNow = 0;
    let failedNow = 0;
    let peak = 0;
    let dists: Record<Metric, Dist> | null = null;
    let ttff: Dist = null;
    for (let i = 0; i < seconds; i += 1) {
      const t = startMs + i * 1000;
      while (next < moments.length && (moments[next] as Moment).t < t + 1000) (moments[next++] as Moment).apply(c);
      joiningNow += joining[i] ?? 0;
      failedNow += failed[i] ?? 0;
      const b = buckets[Math.floor(i / 10)] as Bucket;
      if (i % 10 === 0 || !dists) {
        dists = Object.fromEntries(
          METRICS.map((m) => [m, distribution(b.values[m].filter((x) => x !== undefined))]),
        ) as Record<Metric, Dist>;
        ttff = distribution([...c.ttffs]);
      }
      peak = Math.max(peak, b.watching);
      yield {
        t,
        eventId,
        phase,
        viewers: {
          connected: 0,
          joining: joiningNow,
          watching: b.watching,
          failed: failedNow,
          total: joiningNow + b.watching + failedNow,
          peak,
          sfu: null,
          sfuGap: null,
        },
        codecs: { ...b.codecs },
        decoders: { ...b.decoders },
        resolutions: { ...b.resolutions },
        browsers: { ...b.browsers },
        os: { ...b.os },
        bitrateKbps: dists.kbps,
        lossPct: dists.loss,
        jitterMs: dists.jitter,
        jitterBufferMs: dists.jb,
        rttMs: dists.rtt,
        fps: dists.fps,
        height: dists.height,
        freezesPerMin: dists.freezes,
        bands: { good: b.good, fair: b.fair, poor: b.poor },
        reasons: { ...b.reasons },
        funnel: { ...c.funnel },
        failures: { ...c.failures },
        endings: { ...c.endings },
        ttffMs: ttff,
        ingest: { samples: Math.round(b.watching / 2), invalid: 0 },
      };
    }
  }

  return { add, ticks };
}
