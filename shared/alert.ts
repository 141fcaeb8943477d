/**
 * @module Alert rules and notices: what a rule watches (a metric of each tick), when it fires and clears
 * (threshold + hold time on both sides, for hysteresis), and the action the host is advised to take.
 * The engine that applies them is server/alerts/alert-engine.ts.
 */
import * as v from 'valibot';
import type { Phase } from './event.ts';

/**
 * Metrics a rule can watch, each computed once per tick (units in `ALERT_METRIC_UNITS`). Shares are percent of
 * watching viewers; `low-bitrate-share` counts viewers under the rule's `kbps`.
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
  'sfu-gap',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

export const ALERT_METRIC_UNITS: Record<AlertMetric, '%' | 'kbps' | 'ms' | '/min' | 'viewers'> = {
  'poor-share': '%',
  'low-bitrate-share': '%',
  'bitrate-p10': 'kbps',
  'bitrate-p50': 'kbps',
  'loss-p90': '%',
  'rtt-p90': 'ms',
  'jitter-buffer-p90': 'ms',
  'freezes-p90': '/min',
  'failure-rate': '/min',
  'sfu-gap': 'viewers',
};

/** What the dashboard suggests doing when a rule fires (texts are localized on the dashboard). */
export const ALERT_ACTIONS = [
  'check-uplink',
  'lower-bitrate',
  'check-encoder',
  'check-sora',
  'check-viewer-network',
  'check-collector',
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
  action: v.picklist(ALERT_ACTIONS),
});
export type AlertRule = v.InferOutput<typeof AlertRuleSchema>;

export const AlertRulesSchema = v.object({
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

/** Rules an event uses until the host changes them. */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = [
  { id: 'poor-viewers', enabled: true, metric: 'poor-share', direction: 'above', threshold: 10, clearAt: 5, forSec: 20, clearForSec: 30, minViewers: 5, action: 'check-viewer-network' },
  { id: 'low-bitrate', enabled: true, metric: 'low-bitrate-share', kbps: 300, direction: 'above', threshold: 28, clearAt: 20, forSec: 30, clearForSec: 30, minViewers: 5, action: 'check-uplink' },
  { id: 'bitrate-floor', enabled: true, metric: 'bitrate-p50', direction: 'below', threshold: 250, clearAt: 400, forSec: 20, clearForSec: 30, minViewers: 3, action: 'check-encoder' },
  { id: 'loss', enabled: true, metric: 'loss-p90', direction: 'above', threshold: 5, clearAt: 2, forSec: 20, clearForSec: 30, minViewers: 5, action: 'check-uplink' },
  { id: 'freezes', enabled: true, metric: 'freezes-p90', direction: 'above', threshold: 3, clearAt: 1, forSec: 30, clearForSec: 30, minViewers: 5, action: 'lower-bitrate' },
  { id: 'join-failures', enabled: true, metric: 'failure-rate', direction: 'above', threshold: 5, clearAt: 1, forSec: 10, clearForSec: 60, minViewers: 0, action: 'check-sora' },
  { id: 'sfu-gap', enabled: true, metric: 'sfu-gap', direction: 'above', threshold: 20, clearAt: 5, forSec: 60, clearForSec: 60, minViewers: 0, action: 'check-collector' },
];

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
  threshold: number;
  /** For `low-bitrate-share`. */
  kbps: number | null;
  action: AlertAction;
};

/** `GET /api/events/:id/alerts`: alerts up now and the log of this phase, newest first. */
export type AlertsView = { active: AlertNotice[]; log: AlertNotice[] };
