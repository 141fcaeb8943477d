/**
 * @module Short durations and rates in the dashboard's language (pure): how long an alert has been up, how old the
 * numbers are, how long a problem has lasted — "45 s", "22 min", "1 h 05 min" / "45 秒", "22 分" —, how far the
 * show's start is, and a count per minute.
 */
import { formatDuration, formatNumber } from '../lib/format.ts';
import type { HostI18n } from './i18n/index.ts';

export function ageText(i18n: HostI18n, ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return i18n.t('alerts.ageS', { n: s });
  const min = Math.floor(s / 60);
  if (min < 60) return i18n.t('alerts.ageMin', { n: min });
  return i18n.t('alerts.ageH', { h: Math.floor(min / 60), m: String(min % 60).padStart(2, '0') });
}

/**
 * A running duration the host reads rather than watches ("short of CPU for 20 s"): to the second for the first 10 s,
 * then by tens of seconds, then in ageText's minutes — a text that changes every 10 s, not every second.
 */
export function steppedAge(i18n: HostI18n, sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  return ageText(i18n, (s < 10 || s >= 60 ? s : s - (s % 10)) * 1000);
}

const DAY_MS = 86_400_000;

/**
 * Beside the clock: the countdown to the scheduled start to the second ("4:59 to start"), then the time since it in
 * minutes ("+1 h 05 min since start": the clock carries the seconds); days and hours a day or more away.
 */
export function startOffsetText(i18n: HostI18n, offsetMs: number): string {
  const span = Math.abs(offsetMs);
  const days = () =>
    i18n.t('header.days', { d: Math.floor(span / DAY_MS), h: Math.floor((span % DAY_MS) / 3_600_000) });
  if (offsetMs < 0) return i18n.t('header.toLive', { span: span < DAY_MS ? formatDuration(span) : days() });
  return i18n.t('header.sinceStart', { span: span < DAY_MS ? ageText(i18n, span) : days() });
}

/** "2.5 /min" / "2.5 回/分"; `–` without a value. */
export const perMinute = (i18n: HostI18n, x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x)
    ? '–'
    : i18n.t('unit.perMin', { n: formatNumber(x, i18n.locale) });
