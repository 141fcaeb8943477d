/**
 * @module The Event Experience Score (docs/report.md): five sub-scores 0–100 from additive inputs, so one function
 * scores an event, a breakdown group or a single session alike.
 */
import type { ExperienceScore } from '../../shared/event-report.ts';
import { atOrPast } from '../../shared/funnel.ts';
import type { HistoryAggregate, SessionFacts } from './report-input.ts';

/** Sums over sessions; every field adds up across sessions. */
export type ScoreInputs = {
  attempts: number;
  joined: number;
  startupSum: number;
  startupN: number;
  watchingBuckets: number;
  frozenMs: number;
  pictureSum: number;
  pictureN: number;
  lossBpSum: number;
  lossN: number;
};

export const SCORE_WEIGHTS = { joinSuccess: 0.3, startup: 0.15, smoothness: 0.3, picture: 0.1, network: 0.15 } as const;

/** TTFF at or under this scores 100 … */
export const TTFF_GOOD_MS = 1_000;
/** … and at or over this 0, linearly between. */
export const TTFF_ZERO_MS = 10_000;
/** Share of watching time frozen that scores 0 (1 % frozen → 90). */
export const FROZEN_ZERO_SHARE = 0.1;
/** Mean packet loss (%) that scores 0 (1 % → 80). */
export const LOSS_ZERO_PCT = 5;
/** Length of a history bucket, ms. */
export const BUCKET_MS = 10_000;

/** Picture points of one 10 s bucket by frame height (the SQL in report-queries.ts uses the same steps). */
export const PICTURE_POINTS: ReadonlyArray<readonly [minHeight: number, points: number]> = [
  [1080, 100],
  [720, 85],
  [480, 65],
  [360, 45],
  [0, 25],
];

export const emptyInputs = (): ScoreInputs => ({
  attempts: 0,
  joined: 0,
  startupSum: 0,
  startupN: 0,
  watchingBuckets: 0,
  frozenMs: 0,
  pictureSum: 0,
  pictureN: 0,
  lossBpSum: 0,
  lossN: 0,
});

export function addInputs(into: ScoreInputs, x: ScoreInputs): ScoreInputs {
  for (const key of Object.keys(into) as Array<keyof ScoreInputs>) into[key] += x[key];
  return into;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const r1 = (x: number): number => Math.round(x * 10) / 10;

export function startupPoints(ttffMs: number): number {
  return 100 * clamp01((TTFF_ZERO_MS - ttffMs) / (TTFF_ZERO_MS - TTFF_GOOD_MS));
}

/** Reached its first frame (a TTFF, or a stage at or past `first-frame`). */
export const hasJoined = (s: Pick<SessionFacts, 'ttffMs' | 'stage'>): boolean =>
  s.ttffMs !== null || atOrPast(s.stage, 'first-frame');

/** Tried to get in: called signaling, reported a failure, or joined (a page closed before trying is no attempt). */
export const hasAttempted = (s: Pick<SessionFacts, 'ttffMs' | 'stage' | 'failure'>, failures: number): boolean =>
  hasJoined(s) || failures > 0 || s.failure !== null || atOrPast(s.stage, 'signaling');

export function sessionInputs(s: SessionFacts, failures: number): ScoreInputs {
  const h: HistoryAggregate | null = s.history;
  const joined = hasJoined(s);
  return {
    attempts: hasAttempted(s, failures) ? 1 : 0,
    joined: joined ? 1 : 0,
    startupSum: joined && s.ttffMs !== null ? startupPoints(s.ttffMs) : 0,
    startupN: joined && s.ttffMs !== null ? 1 : 0,
    watchingBuckets: h?.watching ?? 0,
    frozenMs: h?.frozenMs ?? 0,
    pictureSum: h?.pictureSum ?? 0,
    pictureN: h?.pictureN ?? 0,
    lossBpSum: h?.lossBpSum ?? 0,
    lossN: h?.lossN ?? 0,
  };
}

/** Sub-scores (null without input) and their weighted mean over the sub-scores present (docs/report.md). */
export function scoreOf(x: ScoreInputs): ExperienceScore {
  const parts = {
    joinSuccess: x.attempts > 0 ? r1((100 * x.joined) / x.attempts) : null,
    startup: x.startupN > 0 ? r1(x.startupSum / x.startupN) : null,
    smoothness:
      x.watchingBuckets > 0
        ? r1(100 * (1 - clamp01(x.frozenMs / (x.watchingBuckets * BUCKET_MS) / FROZEN_ZERO_SHARE)))
        : null,
    picture: x.pictureN > 0 ? r1(x.pictureSum / x.pictureN) : null,
    network: x.lossN > 0 ? r1(100 * (1 - clamp01(x.lossBpSum / x.lossN / 100 / LOSS_ZERO_PCT))) : null,
  };
  let weighted = 0;
  let weights = 0;
  for (const key of Object.keys(SCORE_WEIGHTS) as Array<keyof typeof SCORE_WEIGHTS>) {
    const value = parts[key];
    if (value === null) continue;
    weighted += SCORE_WEIGHTS[key] * value;
    weights += SCORE_WEIGHTS[key];
  }
  return { score: weights > 0 ? r1(weighted / weights) : null, ...parts };
}
