import { describe, expect, it } from 'vitest';
import { buildReport, shareView } from '../../../../server/report/report-builder.ts';
import type { Question } from '../../../../shared/question.ts';
import { tickViewers } from '../../../helpers/tick-factory.ts';
import { history, input, numbersIn, session, T0, ticks } from './report-fixtures.ts';

const NOW = T0 + 3_600_000;

describe('buildReport', () => {
  it('gives an event without viewers an honest empty report', () => {
    const report = buildReport(input(), NOW);
    expect(report.summary).toMatchObject({
      score: { score: null },
      peakViewers: 0,
      avgViewers: null,
      sessions: 0,
      uniqueViewers: 0,
      viewerMinutes: 0,
      bandShares: null,
      join: { attempts: 0, joined: 0, rate: null, failures: [] },
      ttffMs: null,
      from: null,
      to: null,
    });
    expect(report.problems).toEqual([]);
    expect(report.timeline).toEqual([]);
    expect(report.breakdowns.browser).toEqual([]);
    expect(report.attendance).toMatchObject({ registrations: null, opened: 0, watched: 0 });
    expect(numbersIn(report).every(Number.isFinite)).toBe(true);
  });

  it('sums audience and band minutes from the ticks and join, endings and TTFF from the sessions', () => {
    // 120 s: 10 watching for the first minute (8 good, 2 poor), 4 watching for the second (all good).
    const tk = ticks(120, (i) =>
      i < 60
        ? {
            viewers: tickViewers({ watching: 10, total: 10, peak: 10 }),
            bands: { good: 8, fair: 0, poor: 2 },
          }
        : {
            viewers: tickViewers({ watching: 4, total: 4, peak: 10 }),
            bands: { good: 4, fair: 0, poor: 0 },
          },
    );
    const sessions = [
      session('a', { stage: 'playing', ttffMs: 1_000, ending: 'left' }),
      session('b', { stage: 'playing', ttffMs: 3_000 }),
      session('c', { stage: 'offer', failure: 'ice-failed', ending: 'lost' }),
      session('d', { stage: 'page' }),
    ];
    const report = buildReport(
      input({
        ticks: tk,
        sessions,
        failures: [{ sessionId: 'c', category: 'ice-failed', reports: 3 }],
      }),
      NOW,
    );
    expect(report.summary).toMatchObject({
      peakViewers: 10,
      avgViewers: 7,
      sessions: 4,
      uniqueViewers: 2,
      viewerMinutes: 14,
      bandMinutes: { good: 12, fair: 0, poor: 2 },
      bandShares: { good: 0.8571, fair: 0, poor: 0.1429 },
      join: { attempts: 3, joined: 2, rate: 0.6667, failures: [{ category: 'ice-failed', reports: 3, sessions: 1 }] },
      endings: { left: 1, lost: 1, shutdown: 0, 'phase-end': 0, open: 2 },
      ttffMs: { p50: 1_000, p90: 3_000, n: 2 },
      from: T0,
      to: T0 + 119_000,
    });
    expect(report.attendance.stages).toMatchObject({
      page: 4,
      preflight: 3,
      offer: 3,
      connected: 2,
      'first-frame': 2,
      playing: 2,
    });
    expect(report.sessions.find((s) => s.sessionId === 'c')).toMatchObject({
      failures: 3,
      failure: 'ice-failed',
      reconnects: 0,
    });
  });

  it('ranks what hurt most by viewer-minutes, with the pair that carried it and the worst stretch', () => {
    const sessions = [
      session('safari-1', {
        browser: 'Safari',
        os: 'iOS',
        history: history({ watching: 12, good: 6, poor: 6, kinds: { 'poor-loss': 6 } }),
      }),
      session('chrome-1', {
        history: history({ watching: 12, good: 8, poor: 2, fair: 2, kinds: { 'poor-loss': 2, 'fair-rtt': 2 } }),
      }),
    ];
    // Loss named in the ticks from minute 2 to minute 3 (strong), minute 5 weak.
    const tk = ticks(360, (i) => ({ reasons: i >= 120 && i < 240 ? { loss: 4 } : i >= 300 ? { loss: 1 } : {} }));
    const [first, second] = buildReport(input({ sessions, ticks: tk }), NOW).problems;
    expect(first).toEqual({
      kind: 'poor-loss',
      band: 'poor',
      reason: 'loss',
      viewerMinutes: 1.33,
      share: 0.3333,
      sessions: 2,
      from: T0 + 120_000,
      to: T0 + 240_000,
      mostly: { browser: 'Safari', os: 'iOS', share: 0.75 },
    });
    expect(second).toMatchObject({
      kind: 'fair-rtt',
      viewerMinutes: 0.33,
      mostly: { browser: 'Chrome', os: 'Windows', share: 1 },
      from: null,
    });
  });

  it('never gives a problem that happened a share of 0, however large the event', () => {
    const sessions = [
      session('big', {
        history: history({ watching: 7_200_000, good: 7_199_999, poor: 1, kinds: { 'poor-stall': 1 } }),
      }),
    ];
    const [only] = buildReport(input({ sessions }), NOW).problems;
    expect(only?.share).toBeGreaterThan(0);
    expect(only?.share).toBe(1.389e-7); // four significant digits
  });

  it('breaks down by browser with minutes, score and failure rate', () => {
    const sessions = [
      session('a', {
        browser: 'Safari',
        stage: 'playing',
        ttffMs: 1_000,
        history: history({ watching: 6, pictureSum: 600, pictureN: 6 }),
      }),
      session('b', { browser: 'Safari', stage: 'signaling', failure: 'join-timeout' }),
      session('c', {
        stage: 'playing',
        ttffMs: 1_000,
        history: history({ watching: 12, pictureSum: 12 * 85, pictureN: 12 }),
      }),
    ];
    const report = buildReport(input({ sessions }), NOW);
    expect(report.breakdowns.browser).toEqual([
      {
        key: 'Chrome',
        sessions: 1,
        viewerMinutes: 2,
        failureRate: 0,
        score: expect.objectContaining({ joinSuccess: 100, picture: 85 }),
      },
      {
        key: 'Safari',
        sessions: 2,
        viewerMinutes: 1,
        failureRate: 0.5,
        score: expect.objectContaining({ joinSuccess: 50, picture: 100 }),
      },
    ]);
    expect(report.breakdowns.resolution.map((r) => r.key)).toEqual(['720p', '1080p', 'unknown']);
  });
});

describe('shareView', () => {
  it('renames sessions and questions and drops authors and hidden questions', () => {
    const question = (id: string, hidden: boolean): Question => ({
      id,
      eventId: 'ev-1',
      source: 'discord',
      messageId: '123',
      author: { name: 'Aiko', avatarUrl: null },
      content: `Why ${id.length}?`,
      createdAt: T0,
      editedAt: null,
      deleted: false,
      votes: 2,
      answered: false,
      pinned: false,
      hidden,
    });
    const report = buildReport(
      input({
        sessions: [session('real-id-1')],
        questions: [question('discord-1', false), question('discord-2', true)],
      }),
      NOW,
    );
    expect(report.questions[0]).toMatchObject({ author: 'Aiko' });
    const shared = shareView(report);
    expect(shared.shared).toBe(true);
    expect(shared.sessions.map((s) => s.sessionId)).toEqual(['s1']);
    expect(shared.questions).toMatchObject([
      { id: 'q1', author: null, content: 'Why 9?' },
      { id: 'q2', author: null, content: '' },
    ]);
    expect(JSON.stringify(shared)).not.toMatch(/Aiko|real-id-1|discord-/);
  });
});
