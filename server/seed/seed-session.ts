/**
 * @module One synthetic viewing session of a finished event (pure, from a seeded Rng): a simulator persona, when it
 * arrived and left, whether it failed to get in, and its 10 s history graded by the real quality rule.
 */
import type { Phase } from '../../shared/event.ts';
import type { FailureCategory } from '../../shared/funnel.ts';
import type { ViewerMetrics } from '../../shared/metrics.ts';
import { gradeViewer } from '../../shared/quality.ts';
import type { QualityReason } from '../../shared/tick.ts';
import type { HistoryRow } from '../../shared/viewer.ts';
import type { Rng } from '../simulator/prng.ts';
import { drawPersona, type Persona } from '../simulator/viewer-persona.ts';
import { totalsOf } from '../report/session-totals.ts';
import { encodeHistory } from '../storage/history-codec.ts';
import type { FailureRow, SessionRow } from '../storage/rows.ts';

export const SEED_BUCKET_MS = 10_000;

export type SeedSession = {
  row: SessionRow;
  history: HistoryRow[];
  failures: FailureRow[];
  persona: Persona;
  /** The reason each history bucket was not Good (null when Good), parallel to `history`. */
  reasons: Array<QualityReason | null>;
};

/** Join failures seen at a real event, roughly: most are network paths, a few old browsers. */
const FAILURES: ReadonlyArray<readonly [FailureCategory, number]> = [
  ['ice-failed', 35],
  ['join-timeout', 20],
  ['signaling-unreachable', 15],
  ['unsupported-browser', 10],
  ['no-media', 10],
  ['dropped', 10],
];

const clamp = (x: number, min: number, max: number): number => Math.min(max, Math.max(min, x));
const bucketAt = (ms: number): number => Math.floor(ms / SEED_BUCKET_MS) * SEED_BUCKET_MS;

function bucket(
  p: Persona,
  rng: Rng,
  eventId: string,
  phase: Phase,
  sessionId: string,
  t: number,
): [HistoryRow, QualityReason | null] {
  const lossPct = 100 * clamp(p.lossRate * Math.exp(rng.normal(-0.18, 0.6)), 0, 0.5);
  const freezes = rng.chance(Math.min(1, p.freezesPerMin / 6)) ? 1 : 0;
  const freezeMs = freezes ? Math.round(clamp(Math.exp(rng.normal(Math.log(900), 0.6)), 300, 5_000)) : 0;
  const m: ViewerMetrics = {
    dtMs: SEED_BUCKET_MS,
    kbps: p.videoKbps,
    videoKbps: p.videoKbps,
    lossPct,
    jitterMs: p.jitterMs,
    jitterBufferMs: Math.round(40 + p.jitterMs * 3 * rng.uniform(0.7, 1.3)),
    rttMs: Math.round(p.rttMs * rng.uniform(0.85, 1.2)),
    fps: p.fps,
    width: p.width,
    height: p.height,
    freezes,
    freezeMs,
    concealPct: 100 * p.concealRate * rng.uniform(0.5, 1.5),
    stalled: false,
    codec: p.codec,
  };
  const grade = gradeViewer(m);
  return [
    {
      eventId,
      phase,
      sessionId,
      t,
      state: 'watching',
      kbps: Math.round(p.videoKbps * rng.uniform(0.8, 1.1)),
      lossPct: m.lossPct,
      jitterMs: m.jitterMs,
      jitterBufferMs: m.jitterBufferMs,
      rttMs: m.rttMs,
      fps: p.fps,
      height: p.height,
      freezes,
      freezeMs,
      concealPct: m.concealPct,
      band: grade.band,
    },
    grade.reason,
  ];
}

/**
 * Session `index` of an event running `startMs`–`endMs`: most arrive around the start, some late; most stay to the end.
 */
export function seedSession(
  rng: Rng,
  index: number,
  eventId: string,
  phase: Phase,
  startMs: number,
  endMs: number,
): SeedSession {
  const persona = drawPersona(rng);
  const span = endMs - startMs;
  const arrive =
    startMs + Math.min(span * 0.9, rng.chance(0.8) ? rng.exponential(span * 0.03) : rng.uniform(0, span * 0.8));
  const leave = rng.chance(0.7) ? endMs : arrive + rng.uniform(60_000, Math.max(60_001, endMs - arrive));
  const sessionId = `seed-${index.toString(36).padStart(6, '0')}`;
  // Browsers that cannot decode the event's codec (AV1) fail the pre-flight as old ones do, and never get in.
  const failure = persona.browser.outdated
    ? 'unsupported-browser'
    : !persona.decodes
      ? 'codec-unsupported'
      : rng.chance(0.04)
        ? rng.weighted(FAILURES)
        : null;
  const recovers =
    failure !== null && failure !== 'unsupported-browser' && failure !== 'codec-unsupported' && rng.chance(0.5);
  const joined = failure === null || recovers;
  const ttffMs = joined
    ? Math.round(clamp(Math.exp(rng.normal(Math.log(1_800), 0.5)), 400, 30_000)) + (recovers ? 8_000 : 0)
    : null;
  const firstFrame = ttffMs === null ? null : arrive + ttffMs;
  const history: HistoryRow[] = [];
  const reasons: Array<QualityReason | null> = [];
  if (firstFrame !== null) {
    for (let t = bucketAt(firstFrame) + SEED_BUCKET_MS; t + SEED_BUCKET_MS <= leave; t += SEED_BUCKET_MS) {
      const [row, reason] = bucket(persona, rng, eventId, phase, sessionId, t);
      history.push(row);
      reasons.push(reason);
    }
  }
  const failedAt = Math.round(arrive + rng.uniform(2_000, 20_000));
  const failures: FailureRow[] =
    failure === null
      ? []
      : [
          {
            eventId,
            phase,
            sessionId,
            category: failure,
            t: failedAt,
            browser: persona.browser.browser,
            os: persona.browser.os,
            stage: failure === 'unsupported-browser' ? 'preflight' : 'offer',
            title: failure.toUpperCase(),
          },
        ];
  const ended = joined ? leave : Math.min(endMs, failedAt + 30_000);
  const page = Math.round(arrive);
  const row: SessionRow = {
    eventId,
    sessionId,
    phase,
    browser: persona.browser.browser,
    browserVersion: persona.browser.outdated ? '88' : '156',
    os: persona.browser.os,
    firstSeen: page,
    lastSeen: Math.round(ended),
    lastSeq: Math.max(1, Math.round((ended - page) / 2_000)),
    state: joined ? 'watching' : 'failed',
    codec: joined ? persona.codec : null,
    ttffMs,
    stage: joined ? 'playing' : (failures[0]?.stage ?? 'page'),
    stageTimes:
      firstFrame === null
        ? { page }
        : { page, 'first-frame': Math.round(firstFrame), playing: Math.round(firstFrame) + 50 },
    checkpoint: joined
      ? {
          seq: 1,
          t: Math.round(ended),
          st: 'connected',
          vi: {
            ss: 1_000 + index,
            by: 0,
            pr: 0,
            pl: 0,
            c: persona.codec,
            ...(persona.showsDecoder ? { dec: persona.codec === 'AV1' ? 'libdav1d' : 'ExternalDecoder' } : {}),
          },
          ne: persona.net,
        }
      : null,
    failure: joined ? null : failures[0] ? { category: failures[0].category, t: failedAt } : null,
    endedAt: Math.round(ended),
    ending: ended >= endMs ? 'shutdown' : joined ? (rng.chance(0.9) ? 'left' : 'lost') : 'left',
    connects: recovers ? 2 : 1 + (rng.chance(0.05) ? 1 : 0),
    totals: totalsOf(history.map(encodeHistory)),
  };
  return { row, history, failures, persona, reasons };
}
