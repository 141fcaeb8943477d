/**
 * @module Generates the dashboard bench's stream from a seed (deterministic): the simulator personas and sessions of
 * `npm run seed-event` (server/seed/seed-session.ts) arriving around the show's start, their 1 s ticks built the way
 * the seeded event's are (server/seed/seed-ticks.ts), with the per-second wobble a live tick has (its percentiles are
 * recomputed every second), and each session's 10 s numbers packed for the viewer list.
 */
import type { FailureRecord } from '../../../shared/funnel.ts';
import { QUALITY_BANDS, QUALITY_REASONS, type Dist, type Tick } from '../../../shared/tick.ts';
import type { HistoryRow } from '../../../shared/viewer.ts';
import { seedSession } from '../../../server/seed/seed-session.ts';
import { createTickSeeder } from '../../../server/seed/seed-ticks.ts';
import { createRng, type Rng } from '../../../server/simulator/prng.ts';
import { BUCKET_MS, NONE, ticksUpTo, type ReplayStream, type StreamMetrics, type StreamSession } from './stream.ts';

export type StreamOptions = {
  /** Viewing sessions in the recording (the viewer list's rows). */
  sessions: number;
  /** Minutes of the show before the page opens (the REST backfill of up to an hour of ticks). */
  historyMin: number;
  /** Minutes replayed after the page opens. */
  minutes: number;
  seed: number;
};

/** A fixed show start, so a seed always gives the same bytes. */
const START_MS = Date.UTC(2026, 0, 15, 10, 0, 0);
/** Recorded past the replay's end, so that no ending the show's close causes falls inside it. */
const TAIL_MS = 120_000;
const EVENT_ID = 'bench-dashboard';

export const streamKey = (o: StreamOptions): string => `v2-${o.sessions}s-${o.historyMin}h-${o.minutes}m-seed${o.seed}`;

const u16 = (x: number | null, scale = 1): number =>
  x === null || !Number.isFinite(x) ? NONE : Math.min(NONE - 1, Math.max(0, Math.round(x * scale)));

function emptyMetrics(sessions: number, buckets: number): StreamMetrics {
  const n = sessions * buckets;
  return {
    buckets,
    kbps: new Uint16Array(n).fill(NONE),
    loss: new Uint16Array(n).fill(NONE),
    jb: new Uint16Array(n).fill(NONE),
    rtt: new Uint16Array(n).fill(NONE),
    band: new Uint8Array(n),
    reason: new Uint8Array(n),
  };
}

/** Fills session `n`'s buckets while it watches; a bucket without a history row takes the nearest one's numbers. */
function pack(
  m: StreamMetrics,
  n: number,
  base: number,
  history: readonly HistoryRow[],
  reasons: readonly (string | null)[],
  from: number,
  to: number,
): void {
  if (history.length === 0) return;
  const byT = new Map(history.map((h, i) => [h.t, i]));
  for (let b = 0; b < m.buckets; b += 1) {
    const t = base + b * BUCKET_MS;
    if (t + BUCKET_MS <= from || t >= to) continue;
    const k = byT.get(t) ?? (t < (history[0] as HistoryRow).t ? 0 : history.length - 1);
    const h = history[k] as HistoryRow;
    const i = n * m.buckets + b;
    m.kbps[i] = u16(h.kbps);
    m.loss[i] = u16(h.lossPct, 100);
    m.jb[i] = u16(h.jitterBufferMs);
    m.rtt[i] = u16(h.rttMs);
    m.band[i] = h.band ? QUALITY_BANDS.indexOf(h.band) + 1 : 0;
    const reason = reasons[k];
    m.reason[i] = reason ? QUALITY_REASONS.indexOf(reason as (typeof QUALITY_REASONS)[number]) + 1 : 0;
  }
}

/**
 * A live tick's numbers move a little every second — percentiles, and the counts by band, reason, resolution, codec,
 * decoder, browser and OS, as viewers' samples arrive and viewers come and go; the seeded ones change per 10 s bucket.
 */
function wobble(tick: Tick, rng: Rng): Tick {
  const d = (x: Dist): Dist => {
    if (!x) return x;
    const f = 1 + rng.normal(0, 0.02);
    return { p10: x.p10 * f, p50: x.p50 * f, p90: x.p90 * f, n: x.n };
  };
  const c = <T extends Record<string, number | undefined>>(counts: T): T =>
    Object.fromEntries(
      Object.entries(counts).map(([k, n]) => [k, n ? Math.max(0, n + Math.round(rng.normal(0, 1 + n / 500))) : n]),
    ) as T;
  const watching = Math.max(0, tick.viewers.watching + Math.round(rng.normal(0, 3)));
  return {
    ...tick,
    viewers: { ...tick.viewers, watching },
    codecs: c(tick.codecs),
    decoders: c(tick.decoders),
    resolutions: c(tick.resolutions),
    browsers: c(tick.browsers),
    os: c(tick.os),
    bands: c(tick.bands),
    reasons: c(tick.reasons),
    bitrateKbps: d(tick.bitrateKbps),
    lossPct: d(tick.lossPct),
    jitterMs: d(tick.jitterMs),
    jitterBufferMs: d(tick.jitterBufferMs),
    rttMs: d(tick.rttMs),
    freezesPerMin: d(tick.freezesPerMin),
    ingest: { samples: Math.round(tick.ingest.samples * rng.uniform(0.9, 1.1)), invalid: 0 },
  };
}

export function generateStream(o: StreamOptions): ReplayStream {
  const startMs = START_MS;
  const openMs = startMs + o.historyMin * 60_000;
  const endMs = openMs + o.minutes * 60_000 + TAIL_MS;
  const base = openMs - BUCKET_MS;
  const metrics = emptyMetrics(o.sessions, Math.ceil((endMs - base) / BUCKET_MS));
  const rng = createRng(o.seed);
  const seeder = createTickSeeder(EVENT_ID, 'live', startMs, endMs, rng.fork());
  const sessions: StreamSession[] = [];
  const failures: FailureRecord[] = [];
  for (let n = 0; n < o.sessions; n += 1) {
    const s = seedSession(rng.fork(), n, EVENT_ID, 'live', startMs, endMs);
    seeder.add(s);
    const r = s.row;
    const firstFrame = r.stageTimes['first-frame'] ?? null;
    const endedAt = r.endedAt ?? endMs;
    sessions.push({
      id: r.sessionId,
      browser: r.browser,
      browserVersion: r.browserVersion,
      os: r.os,
      codec: r.codec,
      fps: s.persona.fps,
      height: s.persona.height,
      firstSeen: r.firstSeen,
      firstFrame,
      failure: s.failures[0]
        ? { category: s.failures[0].category, t: s.failures[0].t, stage: s.failures[0].stage }
        : null,
      endedAt,
      ending: r.ending ?? 'shutdown',
      connects: r.connects,
    });
    for (const { eventId: _e, phase: _p, ...f } of s.failures) failures.push(f);
    if (firstFrame !== null) pack(metrics, n, base, s.history, s.reasons, firstFrame, endedAt);
  }
  const noise = rng.fork();
  const ticks = [...seeder.ticks()].map((t, i) => (i % 10 === 0 ? t : wobble(t, noise)));
  failures.sort((a, b) => a.t - b.t);
  const title = `Dashboard bench: ${o.sessions.toLocaleString('en-US')} viewers`;
  return { key: streamKey(o), eventId: EVENT_ID, title, startMs, openMs, endMs, ticks, sessions, metrics, failures };
}

/**
 * Sessions needed for about `viewers` watching when the page opens (the others failed, are joining, or have left and
 * stay listed as ended): measured on a small draw of the same model.
 */
export function sessionsFor(viewers: number, o: Omit<StreamOptions, 'sessions'>): number {
  const probe = generateStream({ ...o, sessions: 2_000 });
  const watching = probe.ticks[ticksUpTo(probe, probe.openMs) - 1]?.viewers.watching ?? 0;
  return Math.max(1, Math.round((viewers * 2_000) / Math.max(1, watching)));
}
