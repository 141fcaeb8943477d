/**
 * @module Human names for the contract's codes (reasons, failure categories, stages, markers, alert metrics and
 * actions). Codes that arrive from the network are checked first: an unknown one is shown as it is, as text.
 */
import { ALERT_ACTIONS, ALERT_METRICS, type AlertNotice, type AlertRule } from '../../../shared/alert.ts';
import { FAILURE_CATEGORIES, FUNNEL_STAGES } from '../../../shared/funnel.ts';
import { MARKER_KINDS, type Marker } from '../../../shared/marker.ts';
import { QUALITY_REASONS, SESSION_ENDINGS, VIEWER_STATES } from '../../../shared/tick.ts';
import { formatBitrate, formatInt, formatMs, formatPercent } from '../lib/format.ts';
import { perMinute } from './age-text.ts';
import type { HostI18n } from './i18n/index.ts';

const member = <T extends string>(list: readonly T[], key: string | null | undefined): key is T =>
  key != null && (list as readonly string[]).includes(key);

export function reasonLabel(i18n: HostI18n, key: string): string {
  if (key === 'other') return i18n.t('other');
  return member(QUALITY_REASONS, key) ? i18n.t(`reason.${key}`) : key;
}

export function failureLabel(i18n: HostI18n, key: string): string {
  if (key === 'other') return i18n.t('other');
  return member(FAILURE_CATEGORIES, key) ? i18n.t(`failure.${key}`) : key;
}

export function stageLabel(i18n: HostI18n, key: string | null): string {
  return member(FUNNEL_STAGES, key) ? i18n.t(`stage.${key}`) : (key ?? '–');
}

export function stateLabel(i18n: HostI18n, key: string): string {
  return member(VIEWER_STATES, key) ? i18n.t(`state.${key}`) : key;
}

/** How a session ended (left, broadcast ended, …). */
export function endingLabel(i18n: HostI18n, key: string | null | undefined): string {
  return member(SESSION_ENDINGS, key) ? i18n.t(`ending.${key}`) : (key ?? '–');
}

export function markerLabel(i18n: HostI18n, marker: Pick<Marker, 'kind' | 'label'>): string {
  if (marker.label) return marker.label;
  return member(MARKER_KINDS, marker.kind) ? i18n.t(`marker.${marker.kind}`) : marker.kind;
}

export function clientLabel(i18n: HostI18n, key: string): string {
  if (key === 'other') return i18n.t('other');
  if (key === 'unknown') return i18n.t('unknown');
  return key;
}

/** A value of an alert metric with its unit. */
export function alertValue(i18n: HostI18n, metric: AlertRule['metric'], value: number | null): string {
  if (value === null) return i18n.t('alerts.noData');
  const locale = i18n.locale;
  switch (metric) {
    case 'poor-share':
    case 'low-bitrate-share':
    case 'loss-p90':
    case 'join-failure-share':
    case 'drop-share':
    case 'no-media-share':
    case 'sfu-gap-share':
    case 'upload-loss':
      return formatPercent(value, locale);
    case 'bitrate-p10':
    case 'bitrate-p50':
      return formatBitrate(value, locale);
    case 'rtt-p90':
    case 'jitter-buffer-p90':
      return formatMs(value, locale);
    case 'freezes-p90':
      return perMinute(i18n, value);
    case 'failure-rate':
      return i18n.t('unit.perMin', { n: formatInt(value, locale) });
    case 'sfu-gap':
      return formatInt(value, locale);
    case 'upload-stalled':
    case 'upload-cpu-limited':
    case 'upload-bandwidth-limited':
      return i18n.t('upload.seconds', { n: formatInt(value, locale) });
  }
}

export function alertMetricLabel(i18n: HostI18n, metric: string, kbps: number | null | undefined): string {
  return member(ALERT_METRICS, metric) ? i18n.t(`alert.metric.${metric}`, { kbps: kbps ?? 300 }) : metric;
}

export function alertActionLabel(i18n: HostI18n, action: string): string {
  return member(ALERT_ACTIONS, action) ? i18n.t(`alert.action.${action}`) : action;
}

/** "Viewers under 300 kbps ≥ 28% for 30 s" */
export function alertRuleText(
  i18n: HostI18n,
  n: Pick<AlertNotice, 'metric' | 'direction' | 'threshold' | 'kbps'> & { forSec?: number },
): string {
  return i18n.t('alert.rule', {
    metric: alertMetricLabel(i18n, n.metric, n.kbps),
    op: i18n.t(n.direction === 'above' ? 'alert.above' : 'alert.below'),
    threshold: alertValue(i18n, n.metric, n.threshold),
    for: n.forSec ?? 0,
  });
}
