/**
 * The report's pure helpers: routes and URL state, score tones and shares, timeline points with gaps, the log, compare
 * alignment.
 */
import { describe, expect, it } from 'vitest';
import {
  formatScore,
  formatShare,
  formatSpan,
  fromLocalInput,
  scoreTone,
  toLocalInput,
} from '../../../../../client/src/host/report/report-format.ts';
import { parseRoute, readQuery, reportHref, withParams } from '../../../../../client/src/host/report/report-route.ts';
import { logEntries } from '../../../../../client/src/host/report/timeline-log.ts';
import {
  alignedWatching,
  inRange,
  spanPoints,
  timelinePoints,
} from '../../../../../client/src/host/report/timeline-series.ts';
import { fixtureReport, T0 } from './report-fixture.ts';

describe('report routes and URL state', () => {
  it('tells the report, share, past-events and dashboard paths apart', () => {
    expect(parseRoute('/report/abc')).toEqual({ page: 'report', eventId: 'abc' });
    expect(parseRoute('/share/x.1.y')).toEqual({ page: 'share', token: 'x.1.y' });
    expect(parseRoute('/reports')).toEqual({ page: 'reports' });
    expect(parseRoute('/')).toEqual({ page: 'dashboard' });
    expect(parseRoute('/report/a/b')).toEqual({ page: 'dashboard' });
  });

  it('reads phase, range and compare, refusing a bad phase or a backwards range', () => {
    expect(readQuery('?phase=rehearsal&from=10&to=20&compare=e2&comparePhase=live')).toEqual({
      phase: 'rehearsal',
      range: { from: 10, to: 20 },
      compare: 'e2',
      comparePhase: 'live',
    });
    expect(readQuery('?phase=nope&from=20&to=10')).toEqual({
      phase: null,
      range: null,
      compare: null,
      comparePhase: null,
    });
  });

  it('sets and removes parameters, and links a report', () => {
    expect(withParams('?phase=live&from=1', { from: null, to: 5 })).toBe('?phase=live&to=5');
    expect(withParams('?from=1', { from: null })).toBe('');
    expect(reportHref('a b', 'live')).toBe('/report/a%20b?phase=live');
  });
});

describe('report formatting', () => {
  it('tones scores and prints missing ones as a dash', () => {
    expect([scoreTone(80), scoreTone(79.9), scoreTone(59), scoreTone(null)]).toEqual(['good', 'fair', 'poor', 'none']);
    expect(formatScore(81.26)).toBe('81.3');
    expect(formatScore(null)).toBe('–');
  });

  it('never says 0 % of something that happened, and spans show seconds only when short', () => {
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.25)).toBe('25%');
    expect(formatShare(null)).toBe('–');
    expect(formatSpan(null, 1)).toBe('–');
    expect(formatSpan(T0, T0 + 60_000)).toMatch(/^\d\d:\d\d:\d\d–\d\d:\d\d:\d\d$/);
  });

  it('round-trips a typed range through datetime-local values to the second, and rejects what is not one', () => {
    const t = T0 + 12_345;
    expect(toLocalInput(t)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(fromLocalInput(toLocalInput(t))).toBe(t - (t % 1000));
    expect(fromLocalInput(toLocalInput(t).slice(0, 16))).toBe(t - (t % 60_000));
    expect([fromLocalInput(''), fromLocalInput('yesterday'), fromLocalInput('2026-13-40T99:99')]).toEqual([
      null,
      null,
      null,
    ]);
  });
});

describe('timeline points', () => {
  const tl = fixtureReport().timeline;
  it('keeps max and min apart and breaks the line over a gap', () => {
    expect(timelinePoints(tl, (p) => p.watching.max)).toEqual([
      { x: T0, y: 2 },
      { x: T0 + 5_000, y: 3 },
      { x: T0 + 10_000, y: null },
      { x: T0 + 60_000, y: 1 },
    ]);
    const bitrate = spanPoints(tl, (p) => p.bitrateP50);
    expect(bitrate.max[0]).toEqual({ x: T0, y: 1200 });
    expect(bitrate.min[0]).toEqual({ x: T0, y: 800 });
    expect(spanPoints(tl, (p) => p.lossP90).max[0]?.y).toBeNull();
  });

  it('cuts a range with one point either side, and moves another event onto this clock', () => {
    expect(inRange(tl, T0 + 4_000, T0 + 6_000).map((p) => p.t)).toEqual([T0, T0 + 5_000, T0 + 60_000]);
    expect(alignedWatching(tl, T0, 5_000_000)[1]).toEqual({ x: 5_005_000, y: 3 });
    expect(alignedWatching(tl, null, 0)).toEqual([]);
  });
});

describe('timeline log', () => {
  it('merges markers, alerts and questions in time order, leaving deleted questions out', () => {
    const all = logEntries(fixtureReport(), null);
    expect(all.map((e) => e.kind)).toEqual(['marker', 'alert', 'question']);
    expect(logEntries(fixtureReport(), { from: T0 + 15_000, to: T0 + 25_000 }).map((e) => e.kind)).toEqual(['alert']);
  });
});
