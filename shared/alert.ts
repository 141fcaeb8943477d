/**
 * @module Alert rules and notices: what a rule watches (a metric of each tick), when it fires and clears
 * (threshold + hold time on both sides, for hysteresis), and the action the host is advised to take.
 * The engine that applies them is server/alerts/alert-engine.ts.
 */
import * as v from 'valibot';
import type { Phase } from './event.ts';

/**
 * Metrics a rule can watch, each computed once per tick (units in `ALERT_METRIC_UNITS`). Shares are percent of
 * watching viewers; `low-bitrate-share` counts viewers under the rule's `kbps`. Metrics over a window (`WINDOW_METRICS`)
 * count events in the rule's last `windowSec`: join failures as a share of join attempts, drops as a share of the
 * viewers who could drop, no-media as a share of attempts (shared/failure-groups.ts says which failure is which;
 * autoplay blocks and drops are never join failures). `failure-rate` is join failures per window, a count.
 */
export const ALERT_METRICS = [
  'poor-share',
  'low-bitrate-share',
  'bitrate-p10',
  'bitrate-p50',
  'loss-p90',
  'rtt-p90',
  'jitter-buffer-p90',
  'freezes-p90',
  'failure-rate',
  'join-failure-share',
  'drop-share',
  'no-media-share',
  'sfu-gap',
  'sfu-gap-share',
  'upload-stalled',
  'upload-cpu-limited',
  'upload-bandwidth-limited',
  'upload-loss',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

/**
 * Metrics of the broadcaster's own upload (server/publisher/), not of the audience: they have a value only while a
 * publisher reports through Kansoku, and `minViewers` does not apply (the upload matters before the first viewer).
 * `upload-stalled`: seconds since video last left (a silent publisher page counts); `upload-cpu-limited` /
 * `upload-bandwidth-limited`: seconds the encoder has been held back without a break; `upload-loss`: video packets
 * Sora reports lost over the last 10 s.
 */
export const UPLOAD_METRICS = [
  'upload-stalled',
  'upload-cpu-limited',
  'upload-bandwidth-limited',
  'upload-loss',
] as const;
export type UploadMetric = (typeof UPLOAD_METRICS)[number];
export const isUploadMetric = (metric: AlertMetric): metric is UploadMetric =>
  (UPLOAD_METRICS as readonly string[]).includes(metric);

export const ALERT_METRIC_UNITS: Record<AlertMetric, '%' | 'kbps' | 'ms' | '/min' | 'viewers' | 's'> = {
  'poor-share': '%',
  'low-bitrate-share': '%',
  'bitrate-p10': 'kbps',
  'bitrate-p50': 'kbps',
  'loss-p90': '%',
  'rtt-p90': 'ms',
  'jitter-buffer-p90': 'ms',
  'freezes-p90': '/min',
  'failure-rate': '/min',
  'join-failure-share': '%',
  'drop-share': '%',
  'no-media-share': '%',
  'sfu-gap': 'viewers',
  'sfu-gap-share': '%',
  'upload-stalled': 's',
  'upload-cpu-limited': 's',
  'upload-bandwidth-limited': 's',
  'upload-loss': '%',
};

/** Metrics that count events over the rule's window; `minCount` applies to their count. */
export const WINDOW_METRICS: readonly AlertMetric[] = [
  'failure-rate',
  'join-failure-share',
  'drop-share',
  'no-media-share',
];
/** Metrics with a count behind the value (events in the window, or viewers without telemetry): `minCount` applies. */
export const COUNTED_METRICS: readonly AlertMetric[] = [...WINDOW_METRICS, 'sfu-gap-share'];
/** Default window of the rate metrics, seconds. */
export const DEFAULT_WINDOW_SEC = 60;

/** What the dashboard suggests doing when a rule fires (texts are localized on the dashboard). */
export const ALERT_ACTIONS = [
  'check-uplink',
  'lower-bitrate',
  'check-encoder',
  'check-sora',
  'check-viewer-network',
  'check-collector',
  'read-failures',
  'check-broadcaster',
] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

const seconds = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3_600));
const level = v.pipe(v.number(), v.minValue(0), v.maxValue(1e9));

export const AlertRuleSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, 'must be 1-40 lower-case letters, digits or dashes')),
  enabled: v.optional(v.boolean(), true),
  metric: v.picklist(ALERT_METRICS),
  /** `above`: fires when the value rises to `threshold` or more; `below`: when it falls to `threshold` or less. */
  direction: v.picklist(['above', 'below']),
  threshold: level,
  /** The value must be back past this level (on the good side) before the alert can clear. */
  clearAt: level,
  /** Seconds the condition must hold before the alert fires. */
  forSec: seconds,
  /** Seconds the value must stay past `clearAt` before the alert clears. */
  clearForSec: seconds,
  /** For `low-bitrate-share`: the bitrate a viewer must be under to count, kbit/s. */
  kbps: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(1e6))),
  /** Shares are not judged with fewer watching viewers than this. */
  minViewers: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e7)), 0),
  /**
   * For `COUNTED_METRICS` (0 when absent): no value (so no alert, and an alert that is up may clear) with fewer
   * events than this in the window, so one viewer retrying, or 2 drops out of 3 viewers, does not page the host.
   */
  minCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e7))),
  /** For `WINDOW_METRICS`: the window, seconds (`DEFAULT_WINDOW_SEC` when absent). */
  windowSec: v.optional(v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(3_600))),
  action: v.picklist(ALERT_ACTIONS),
});
export type AlertRule = v.InferOutput<typeof AlertRuleSchema>;

/** Where a webhook may point: http(s) only, no user:password in the URL (it would be logged and shown), ≤ 2,000 chars. */
export const WebhookUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(2_000),
  v.check((s) => {
    if (!URL.canParse(s)) return false;
    const url = new URL(s);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.username === '' &&
      url.password === '' &&
      url.hostname !== ''
    );
  }, 'must be an http:// or https:// URL without a user name or password'),
);

export const AlertRulesSchema = v.object({
  /**
   * Each raised and cleared alert is POSTed here as JSON (`{ content, kansoku }`; a Discord channel webhook works).
   * Null removes it; absent keeps the one that is set.
   */
  webhook: v.optional(v.nullable(WebhookUrlSchema)),
  rules: v.pipe(
    v.array(AlertRuleSchema),
    v.maxLength(32),
    v.check((rules) => new Set(rules.map((r) => r.id)).size === rules.length, 'rule ids must be unique'),
    v.check(
      (rules) => rules.every((r) => (r.direction === 'above' ? r.clearAt <= r.threshold : r.clearAt >= r.threshold)),
      'clearAt must be on the good side of threshold',
    ),
  ),
});
export type AlertRules = v.InferOutput<typeof AlertRulesSchema>;

/** A rule's metric at one tick. */
export type AlertReading = { t: number; value: number | null; count: number | null };

/** One alert going up or down, as broadcast (`alert:raised` / `alert:cleared`) and kept in the log. */
export type AlertNotice = {
  eventId: string;
  phase: Phase;
  ruleId: string;
  metric: AlertMetric;
  direction: 'above' | 'below';
  kind: 'raised' | 'cleared';
  /** When the alert went up or down, ms since epoch. */
  t: number;
  /** The metric's value at that moment (null when there was no data any more). */
  value: number | null;
  /** For `COUNTED_METRICS`: the events (or viewers) behind `value` at that moment. */
  count?: number | null;
  /** For `WINDOW_METRICS`: the rule's window, seconds. */
  windowSec?: number;
  /**
   * While the alert is up, its latest reading: the server sends the raised notice again (`alert:raised`, same `t`)
   * whenever the reading changes, so the banner shows the value now, not the value when it went up.
   */
  current?: AlertReading;
  threshold: number;
  /** For `low-bitrate-share`. */
  kbps: number | null;
  action: AlertAction;
};

/** `GET|PUT /api/events/:id/alert-rules`. */
export type AlertSettings = { rules: AlertRule[]; webhook: string | null };

/** `GET /api/events/:id/alerts`: alerts up now and the log of this phase, newest first. */
export type AlertsView = { active: AlertNotice[]; log: AlertNotice[] };

/** `POST /api/events/:id/alert-webhook/test`: where the server posts a test message. */
export const WebhookTestSchema = v.object({ url: WebhookUrlSchema });

/** What the webhook endpoint answered a post (`status` null when it could not be reached). */
export type WebhookResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };
