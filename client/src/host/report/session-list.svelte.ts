/**
 * @module The report's session list: sorted by any column (either way) and filtered by free text (id, browser, OS,
 * codec, ending, failure) or to the sessions with a failure; derived, so 10,000 rows re-sort only on a change.
 */
import type { ReportSession } from '../../../../shared/event-report.ts';

export const SESSION_SORTS = [
  'joinedAt',
  'durationS',
  'browser',
  'os',
  'score',
  'poor',
  'ttffMs',
  'failures',
  'reconnects',
] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];

type Value = number | string | null;
const VALUE: Record<SessionSort, (s: ReportSession) => Value> = {
  joinedAt: (s) => s.joinedAt,
  durationS: (s) => s.durationS,
  browser: (s) => `${s.browser} ${s.browserVersion}`,
  os: (s) => s.os,
  score: (s) => s.score,
  poor: (s) => s.minutes.poor,
  ttffMs: (s) => s.ttffMs,
  failures: (s) => s.failures,
  reconnects: (s) => s.reconnects,
};

/** Ascending; nulls last in either direction (no data is never "best" or "worst"). */
export function compareSessions(a: ReportSession, b: ReportSession, sort: SessionSort, desc: boolean): number {
  const x = VALUE[sort](a);
  const y = VALUE[sort](b);
  if (x === null || y === null) return x === y ? a.joinedAt - b.joinedAt : x === null ? 1 : -1;
  const order = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y)) : x - y;
  return (desc ? -order : order) || a.joinedAt - b.joinedAt;
}

export function matches(s: ReportSession, query: string): boolean {
  if (!query) return true;
  const hay = [
    s.sessionId,
    s.browser,
    s.browserVersion,
    s.os,
    s.codec ?? '',
    s.ending ?? 'open',
    s.failure ?? '',
    s.stage ?? '',
  ]
    .join(' ')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

export class SessionList {
  sessions = $state.raw<readonly ReportSession[]>([]);
  sort = $state<SessionSort>('joinedAt');
  desc = $state(false);
  query = $state('');
  failedOnly = $state(false);
  rows = $derived.by(() => {
    const query = this.query.trim();
    const kept = this.sessions.filter((s) => (!this.failedOnly || s.failures > 0) && matches(s, query));
    return kept.sort((a, b) => compareSessions(a, b, this.sort, this.desc));
  });

  constructor(sessions: readonly ReportSession[] = []) {
    this.sessions = sessions;
  }

  /** A click on a column: sorts by it, or turns the order around when it already sorts. */
  sortBy(sort: SessionSort): void {
    if (this.sort === sort) this.desc = !this.desc;
    else {
      this.sort = sort;
      this.desc = sort !== 'joinedAt' && sort !== 'browser' && sort !== 'os';
    }
  }
}
