/** @module Join funnel stages, failure categories and the viewer reports that carry them (docs/failures.md). */
import * as v from 'valibot';

export const FUNNEL_STAGES = [
  'page',
  'preflight',
  'signaling',
  'offer',
  'connected',
  'first-frame',
  'playing',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Position of `stage` in the funnel (0 for `page`); -1 for none or an unknown code. */
export const funnelRank = (stage: FunnelStage | null | undefined): number =>
  stage == null ? -1 : FUNNEL_STAGES.indexOf(stage);

/** Whether `stage` is `mark` or a later stage. */
export const atOrPast = (stage: FunnelStage | null | undefined, mark: FunnelStage): boolean =>
  funnelRank(stage) >= funnelRank(mark);

/** The stages a viewer at `stage` has passed through, in order: `page` up to `stage` itself (none for null). */
export const stagesThrough = (stage: FunnelStage | null | undefined): FunnelStage[] =>
  FUNNEL_STAGES.slice(0, funnelRank(stage) + 1);

/** A count of zero for every stage. */
export const emptyFunnel = (): Record<FunnelStage, number> =>
  Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0])) as Record<FunnelStage, number>;

export const FAILURE_CATEGORIES = [
  'unsupported-browser',
  'codec-unsupported',
  'signaling-unreachable',
  'signaling-rejected',
  'all-candidates-failed',
  'join-timeout',
  'ice-failed',
  'connection-failed',
  'no-media',
  'autoplay-blocked',
  'dropped',
  'shutdown',
] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const epochMs = v.pipe(v.number(), v.minValue(0), v.maxValue(1e14));

export const FunnelStepSchema = v.object({
  stage: v.picklist(FUNNEL_STAGES),
  t: epochMs,
});
export type FunnelStep = v.InferOutput<typeof FunnelStepSchema>;

/** Evidence travels with the category: close codes, SDK titles, messages. */
export const FailureReportSchema = v.object({
  category: v.picklist(FAILURE_CATEGORIES),
  t: epochMs,
  stage: v.optional(v.picklist(FUNNEL_STAGES)),
  code: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65_535))),
  reason: v.optional(text(200)),
  title: v.optional(text(100)),
  message: v.optional(text(500)),
});
export type FailureReport = v.InferOutput<typeof FailureReportSchema>;

export const PREFLIGHT_ITEMS = ['browser', 'webrtc', 'av1', 'e2ee', 'signaling', 'autoplay'] as const;
export const PreflightSchema = v.object({
  t: epochMs,
  items: v.pipe(
    v.array(
      v.object({
        id: v.picklist(PREFLIGHT_ITEMS),
        status: v.picklist(['pass', 'warn', 'fail']),
        detail: v.optional(text(200)),
      }),
    ),
    v.maxLength(PREFLIGHT_ITEMS.length),
  ),
});
export type Preflight = v.InferOutput<typeof PreflightSchema>;

/** A failure as the server keeps and serves it (`GET /api/events/:id/failures`). */
export type FailureRecord = FailureReport & { sessionId: string; browser: string; os: string };
