/** The failures panel's data: groups kept apart, shares of the right base, the last minute and its trend, the recent list. */
import { describe, expect, it } from 'vitest';
import type { FailureRecord } from '../../../../../shared/funnel.ts';
import type { Tick } from '../../../../../shared/tick.ts';
import { failureBreakdown, tickBefore, trendOf } from '../../../../../client/src/host/panels/failure-breakdown.ts';
import { recentRows } from '../../../../../client/src/host/panels/recent-failures.ts';
import { hasFailure, viewRows } from '../../../../../client/src/host/viewers/viewer-sort.ts';
import { makeTick, makeViewer } from '../fakes.ts';

const MIN = 60_000;
const funnel = (joined: number): Tick['funnel'] => ({
  page: joined,
  preflight: joined,
  signaling: joined,
  offer: joined,
  connected: joined,
  'first-frame': joined,
  playing: joined,
});
const at = (t: number, joined: number, failures: Tick['failures']): Tick =>
  makeTick(t, { funnel: funnel(joined), failures });

describe('failure breakdown', () => {
  it('keeps join failures, no-picture and drops apart, and never counts a normal shutdown', () => {
    const b = failureBreakdown([
      at(0, 90, { 'ice-failed': 6, 'join-timeout': 4, 'autoplay-blocked': 3, 'no-media': 1, dropped: 9, shutdown: 40 }),
    ]);
    expect(b.groups.map((g) => [g.group, g.count])).toEqual([
      ['join', 10],
      ['no-picture', 4],
      ['dropped', 9],
    ]);
    expect(b.total).toBe(23);
    expect(b.attempts).toBe(100); // 90 who got in + 10 join failures
    expect(b.groups[0]?.rows.map((r) => [r.key, r.pct])).toEqual([
      ['ice-failed', 6],
      ['join-timeout', 4],
    ]);
    expect(b.groups[1]?.pct).toBe(4); // of join attempts
    expect(b.groups[2]?.pct).toBe(10); // drops: of the 90 who got in
  });

  it('counts the last minute from the cumulative counts, and everything when the phase is younger', () => {
    const young = failureBreakdown([at(0, 5, { 'ice-failed': 1 }), at(30_000, 10, { 'ice-failed': 3 })]);
    expect(young.lastMinute).toBe(3);
    expect(young.groups[0]?.rows[0]?.trend).toBeNull();
    const ticks = [
      at(0, 10, {}),
      at(5 * MIN, 100, { 'ice-failed': 5 }),
      at(9 * MIN, 150, { 'ice-failed': 9 }),
      at(10 * MIN, 160, { 'ice-failed': 30 }),
    ];
    expect(tickBefore(ticks, MIN)?.t).toBe(9 * MIN);
    const b = failureBreakdown(ticks);
    expect(b.groups[0]?.rows[0]).toMatchObject({ key: 'ice-failed', count: 30, lastMinute: 21, trend: 'up' });
  });

  it('calls the last minute up, down or flat against the usual minute before it', () => {
    expect(trendOf(5, 10, 10 * MIN)).toBe('up'); // usual 1/min
    expect(trendOf(2, 10, 10 * MIN)).toBe('flat'); // 2 is not 1 + 2
    expect(trendOf(0, 30, 10 * MIN)).toBe('down'); // usual 3/min
    expect(trendOf(0, 3, 10 * MIN)).toBe('flat'); // usual 0.3/min: too rare to call down
    expect(trendOf(5, 0, 30_000)).toBeNull(); // under a minute before it
  });

  it('has no shares without a base, and empty groups with no failures', () => {
    const b = failureBreakdown([at(0, 0, {})]);
    expect(b.total).toBe(0);
    expect(b.groups.every((g) => g.count === 0 && g.pct === null)).toBe(true);
    expect(failureBreakdown([]).groups).toHaveLength(3);
  });

  it('ignores keys it does not know (the record comes from the network)', () => {
    const failures = JSON.parse('{"constructor": 5, "made-up": 2, "dropped": 1}') as Tick['failures'];
    expect(failureBreakdown([at(0, 10, failures)]).total).toBe(1);
  });
});

const report = (sessionId: string, category: FailureRecord['category'], t: number): FailureRecord => ({
  sessionId,
  category,
  t,
  browser: 'Chrome',
  os: 'Windows',
});

describe('recent failures', () => {
  const newestFirst = [
    report('a', 'signaling-unreachable', 50),
    report('b', 'ice-failed', 40),
    report('a', 'signaling-unreachable', 30),
    report('x', 'shutdown', 25),
    report('a', 'signaling-unreachable', 20),
    report('c', 'dropped', 10),
  ];

  it('folds a session retrying into the same failure into one line with a count', () => {
    const rows = recentRows(newestFirst, null, 10);
    expect(rows.map((r) => [r.latest.sessionId, r.times, r.since])).toEqual([
      ['a', 3, 20],
      ['b', 1, 40],
      ['c', 1, 10],
    ]);
  });

  it('shows only the picked category, and at most the limit of lines', () => {
    expect(recentRows(newestFirst, 'ice-failed', 10).map((r) => r.latest.sessionId)).toEqual(['b']);
    expect(recentRows(newestFirst, null, 2).map((r) => r.latest.sessionId)).toEqual(['a', 'b']);
  });
});

describe('viewer table by failure category', () => {
  it('lists only sessions with the picked failure, ended ones included', () => {
    const rows = [
      makeViewer('ice', { state: 'failed', failure: { category: 'ice-failed', t: 1 } }),
      makeViewer('gone', { state: 'failed', failure: { category: 'ice-failed', t: 2 }, ending: 'left', endedAt: 3 }),
      makeViewer('drop', { failure: { category: 'dropped', t: 1 } }),
      makeViewer('fine'),
    ];
    expect(hasFailure(rows[3] as (typeof rows)[number], null)).toBe(true);
    expect(viewRows(rows, '', 'all', 'worst', 1, true, 'ice-failed').map((v) => v.sessionId)).toEqual(['ice', 'gone']);
    expect(viewRows(rows, '', 'all', 'worst', 1, true, null)).toHaveLength(4);
  });
});
