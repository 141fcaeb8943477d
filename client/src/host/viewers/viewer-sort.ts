/**
 * @module Sorting and filtering the per-viewer table (pure): worst first by default, then any column. Open sessions
 * always come before ended ones (who is on the page now matters first); ended ones can be hidden.
 */
import type { ViewerSummary } from '../../../../shared/viewer.ts';

export const SORT_KEYS = [
  'worst',
  'state',
  'sessionId',
  'browser',
  'os',
  'codec',
  'kbps',
  'lossPct',
  'rttMs',
  'jitterBufferMs',
  'fps',
  'height',
  'connects',
  'firstSeen',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 1 | -1;

/** The session has ended (left, broadcast closed, lost, phase changed); `!= null` also covers rows without the field. */
export const isEnded = (v: Pick<ViewerSummary, 'ending'>): boolean => v.ending != null;

/** 0 is the worst: failed, then Poor, Fair, on the way in, and Good last. */
export function severity(v: ViewerSummary): number {
  if (v.state === 'failed') return 0;
  if (v.band === 'poor') return 1;
  if (v.band === 'fair') return 2;
  if (v.state !== 'watching') return 3;
  return 4;
}

const text = (x: string | null | undefined): string => x ?? '';
/** Missing numbers sort last whichever the direction. */
function byNumber(a: number | null | undefined, b: number | null | undefined, dir: SortDir): number {
  if (a == null && b == null) return 0;
  if (a == null) return 1;
  if (b == null) return -1;
  return (a - b) * dir;
}

function compareWithin(key: SortKey, dir: SortDir): (a: ViewerSummary, b: ViewerSummary) => number {
  switch (key) {
    case 'worst':
      return (a, b) =>
        (severity(a) - severity(b)) * dir || byNumber(a.kbps, b.kbps, 1) || a.sessionId.localeCompare(b.sessionId);
    case 'state':
    case 'sessionId':
    case 'browser':
    case 'os':
    case 'codec':
      return (a, b) => text(a[key]).localeCompare(text(b[key])) * dir || a.sessionId.localeCompare(b.sessionId);
    default:
      return (a, b) => byNumber(a[key], b[key], dir) || a.sessionId.localeCompare(b.sessionId);
  }
}

/** Open sessions first, then ended ones (most recently ended first when sorting by state); the column sorts each group. */
export function compareViewers(key: SortKey, dir: SortDir): (a: ViewerSummary, b: ViewerSummary) => number {
  const within = compareWithin(key, dir);
  return (a, b) => {
    const ea = isEnded(a);
    const eb = isEnded(b);
    if (ea !== eb) return ea ? 1 : -1;
    if (ea && key === 'state') return byNumber(b.endedAt, a.endedAt, dir) || within(a, b);
    return within(a, b);
  };
}

/** Every whitespace-separated word must appear in one of the row's text fields (case-insensitive). */
export function matches(v: ViewerSummary, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [v.sessionId, v.state, v.browser, v.os, v.codec, v.band, v.reason, v.stage, v.failure?.category, v.ending]
    .map(text)
    .join(' ')
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}

export type ViewerFilter = 'all' | 'problems' | 'watching';

export function passes(v: ViewerSummary, filter: ViewerFilter): boolean {
  if (filter === 'problems') return severity(v) <= 2;
  if (filter === 'watching') return v.state === 'watching' && !isEnded(v);
  return true;
}

/** The session's standing (or last) failure is of this category; null lets every row through. */
export const hasFailure = (v: Pick<ViewerSummary, 'failure'>, category: string | null): boolean =>
  category === null || v.failure?.category === category;

/** The rows with these ids, in this order, as they are now (ids no longer listed are skipped). */
export function inOrder(ids: readonly string[], rows: readonly ViewerSummary[]): ViewerSummary[] {
  const byId = new Map(rows.map((r) => [r.sessionId, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function viewRows(
  rows: readonly ViewerSummary[],
  query: string,
  filter: ViewerFilter,
  key: SortKey,
  dir: SortDir,
  showEnded = true,
  category: string | null = null,
): ViewerSummary[] {
  return rows
    .filter((v) => (showEnded || !isEnded(v)) && passes(v, filter) && hasFailure(v, category) && matches(v, query))
    .sort(compareViewers(key, dir));
}
