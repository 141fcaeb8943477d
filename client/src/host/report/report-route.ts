/**
 * @module Which page a path opens (`/report/:eventId`, `/share/:token`, `/publish/:eventId`, `/reports`, else the
 * dashboard) and the report's URL state: `?phase=`, the zoomed range `?from=&to=` (ms since epoch) and
 * `?compare=&comparePhase=`.
 */
import { PHASES, type Phase } from '../../../../shared/event.ts';
import type { Range } from '../range/zoom-range.ts';

export type PageRoute =
  | { page: 'report'; eventId: string }
  | { page: 'share'; token: string }
  | { page: 'publish'; eventId: string }
  | { page: 'reports' }
  | { page: 'dashboard' };

export function parseRoute(pathname: string): PageRoute {
  const [first, second, ...rest] = pathname.split('/').filter(Boolean);
  if (rest.length === 0 && second) {
    if (first === 'report') return { page: 'report', eventId: decodeURIComponent(second) };
    if (first === 'share') return { page: 'share', token: decodeURIComponent(second) };
    if (first === 'publish') return { page: 'publish', eventId: decodeURIComponent(second) };
  }
  if (first === 'reports' && !second) return { page: 'reports' };
  return { page: 'dashboard' };
}

export type { Range };

export type ReportQuery = {
  phase: Phase | null;
  range: Range | null;
  compare: string | null;
  comparePhase: Phase | null;
};

const asPhase = (x: string | null): Phase | null =>
  (PHASES as readonly string[]).includes(x ?? '') ? (x as Phase) : null;
const asTime = (x: string | null): number | null => (x !== null && /^\d{1,15}$/.test(x) ? Number(x) : null);

export function readQuery(search: string): ReportQuery {
  const q = new URLSearchParams(search);
  const from = asTime(q.get('from'));
  const to = asTime(q.get('to'));
  return {
    phase: asPhase(q.get('phase')),
    range: from !== null && to !== null && to > from ? { from, to } : null,
    compare: q.get('compare') || null,
    comparePhase: asPhase(q.get('comparePhase')),
  };
}

/** The same search string with the given parameters set (a null value removes it). */
export function withParams(search: string, params: Record<string, string | number | null>): string {
  const q = new URLSearchParams(search);
  for (const [name, value] of Object.entries(params)) {
    if (value === null) q.delete(name);
    else q.set(name, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Where the dashboard links to a report. */
export const reportHref = (eventId: string, phase?: Phase | null): string =>
  `/report/${encodeURIComponent(eventId)}${phase ? `?phase=${phase}` : ''}`;

/** Where a report page gets its report: the host's REST route, or a share link (no login). */
export type ReportSource = { kind: 'host'; eventId: string } | { kind: 'share'; token: string };
