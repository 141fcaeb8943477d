/**
 * @module Small display rules of the report: score tones, the sub-scores with their weights (docs/report.md),
 * viewer-minutes, shares and a range as text.
 */
import type { ExperienceScore } from '../../../../shared/event-report.ts';
import { formatClock, formatInt, formatNumber, formatPercent } from '../../lib/format.ts';

export type Tone = 'good' | 'fair' | 'poor' | 'none';

/** ≥ 80 Good, ≥ 60 Fair, below Poor; no score, no tone. */
export function scoreTone(score: number | null | undefined): Tone {
  if (score === null || score === undefined || !Number.isFinite(score)) return 'none';
  return score >= 80 ? 'good' : score >= 60 ? 'fair' : 'poor';
}

export const formatScore = (score: number | null | undefined, locale = 'en'): string =>
  score === null || score === undefined || !Number.isFinite(score)
    ? '–'
    : formatNumber(Math.round(score * 10) / 10, locale);

export type SubScoreKey = Exclude<keyof ExperienceScore, 'score'>;

/** The five sub-scores in the order of docs/report.md, with their weights. */
export const SUB_SCORES: ReadonlyArray<{ key: SubScoreKey; weight: number }> = [
  { key: 'joinSuccess', weight: 0.3 },
  { key: 'startup', weight: 0.15 },
  { key: 'smoothness', weight: 0.3 },
  { key: 'picture', weight: 0.1 },
  { key: 'network', weight: 0.15 },
];

/** Viewer-minutes: whole above 100, one decimal below. */
export const formatMinutes = (min: number | null | undefined, locale = 'en'): string =>
  min === null || min === undefined ? '–' : min >= 100 ? formatInt(min, locale) : formatNumber(min, locale);

/** A 0–1 share as a percent; `–` without a share; a sliver above zero reads `<0.1%`, not `0%`. */
export function formatShare(share: number | null | undefined, locale = 'en'): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  if (share > 0 && share < 0.001) return `<${formatPercent(0.1, locale)}`;
  return formatPercent(share * 100, locale);
}

/** "19:42–19:48" (seconds shown when the span is under ten minutes). */
export function formatSpan(from: number | null, to: number | null): string {
  if (from === null || to === null) return '–';
  const seconds = to - from < 600_000;
  return `${formatClock(from, seconds)}–${formatClock(to, seconds)}`;
}

/** A date for the past-events list, in the page's locale. */
export const formatDate = (iso: string, locale = 'en'): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** ms → the value of an `<input type="datetime-local" step="1">`: local time, to the second. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The value of a `datetime-local` input (local time) → ms; null when empty or invalid. */
export function fromLocalInput(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) return null;
  const ms = new Date(text).getTime();
  return Number.isFinite(ms) ? ms : null;
}
