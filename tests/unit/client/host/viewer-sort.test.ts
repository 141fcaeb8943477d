/** The viewer table's ordering (worst first) and filters. */
import { describe, expect, it } from 'vitest';
import type { ViewerSummary } from '../../../../shared/viewer.ts';
import { compareViewers, matches, severity, viewRows } from '../../../../client/src/host/viewers/viewer-sort.ts';
import { makeViewer as viewer } from './fakes.ts';

const rows = [
  viewer('good-fast', { kbps: 2500 }),
  viewer('good-slow', { kbps: 900 }),
  viewer('fair', { band: 'fair', reason: 'loss' }),
  viewer('failed', { state: 'failed', band: null, kbps: null, failure: { category: 'ice-failed', t: 1 } }),
  viewer('poor', { band: 'poor', reason: 'rtt', os: 'macOS', browser: 'Safari', codec: 'H264' }),
  viewer('joining', { state: 'joining', band: null, kbps: null }),
];

describe('viewer sort', () => {
  it('puts the worst first: failed, Poor, Fair, joining, then Good by bitrate', () => {
    expect(viewRows(rows, '', 'all', 'worst', 1).map((v) => v.sessionId)).toEqual([
      'failed',
      'poor',
      'fair',
      'joining',
      'good-slow',
      'good-fast',
    ]);
    expect(severity(rows[3] as ViewerSummary)).toBe(0);
  });

  it('sorts numbers with missing values last in both directions', () => {
    expect(
      viewRows(rows, '', 'all', 'kbps', -1)
        .map((v) => v.sessionId)
        .slice(-2)
        .sort(),
    ).toEqual(['failed', 'joining']);
    expect(viewRows(rows, '', 'all', 'kbps', 1)[0]?.sessionId).toBe('good-slow');
    expect([...rows].sort(compareViewers('browser', 1))[5]?.browser).toBe('Safari');
  });

  it('filters by words across fields and by problem class', () => {
    expect(viewRows(rows, 'safari h264', 'all', 'worst', 1).map((v) => v.sessionId)).toEqual(['poor']);
    expect(matches(rows[3] as ViewerSummary, 'ice-failed')).toBe(true);
    expect(viewRows(rows, '', 'problems', 'worst', 1).map((v) => v.sessionId)).toEqual(['failed', 'poor', 'fair']);
    expect(viewRows(rows, '', 'watching', 'worst', 1)).toHaveLength(4);
  });

  it('keeps ended sessions after the open ones whatever the column, newest ending first by state, and can hide them', () => {
    const withEnded = [
      viewer('left-early', { ending: 'left', endedAt: 100, band: 'poor' }),
      ...rows,
      viewer('closed', { ending: 'shutdown', endedAt: 300, kbps: 5000 }),
    ];
    const worst = viewRows(withEnded, '', 'all', 'worst', 1).map((v) => v.sessionId);
    expect(worst.slice(0, 6)).toEqual(['failed', 'poor', 'fair', 'joining', 'good-slow', 'good-fast']);
    expect(worst.slice(6)).toEqual(['left-early', 'closed']);
    expect(
      viewRows(withEnded, '', 'all', 'kbps', -1)
        .slice(-2)
        .map((v) => v.sessionId),
    ).toEqual(['closed', 'left-early']);
    expect(
      viewRows(withEnded, '', 'all', 'state', 1)
        .slice(-2)
        .map((v) => v.sessionId),
    ).toEqual(['closed', 'left-early']);
    expect(viewRows(withEnded, '', 'all', 'worst', 1, false)).toHaveLength(rows.length);
    expect(viewRows(withEnded, '', 'watching', 'worst', 1).map((v) => v.sessionId)).not.toContain('closed');
    expect(viewRows(withEnded, 'shutdown', 'all', 'worst', 1).map((v) => v.sessionId)).toEqual(['closed']);
  });

  it('sorts by reconnections', () => {
    const flaky = [
      viewer('steady'),
      viewer('flaky', { connects: 4 }),
      viewer('old-row', { connects: undefined as unknown as number }),
    ];
    expect(viewRows(flaky, '', 'all', 'connects', -1).map((v) => v.sessionId)).toEqual(['flaky', 'steady', 'old-row']);
  });

  it('sorts 10,000 rows worst first (its speed is measured by the dashboard bench, not here)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      viewer(`v${i}`, { kbps: (i * 7919) % 3000, band: i % 50 === 0 ? 'poor' : 'good' }),
    );
    const view = viewRows(many, 'chrome', 'all', 'worst', 1);
    expect(view).toHaveLength(10_000);
    expect(view.slice(0, 200).every((v) => v.band === 'poor')).toBe(true);
    expect(view[200]?.band).toBe('good');
  });
});
