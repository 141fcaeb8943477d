import { describe, expect, it } from 'vitest';
import { emptyInputs, scoreOf, sessionInputs, startupPoints } from '../../../../server/report/report-score.ts';
import { history, session } from './report-fixtures.ts';

describe('scoreOf', () => {
  it('computes the worked example of docs/report.md', () => {
    // 4 attempts, 3 joined; TTFF 1.0 s and 5.5 s; 600 s watched with 6 s frozen; all 720p; 1 % loss.
    const score = scoreOf({
      attempts: 4,
      joined: 3,
      startupSum: 100 + 50,
      startupN: 2,
      watchingBuckets: 60,
      frozenMs: 6_000,
      pictureSum: 60 * 85,
      pictureN: 60,
      lossBpSum: 60 * 100,
      lossN: 60,
    });
    expect(score).toEqual({ score: 81.3, joinSuccess: 75, startup: 75, smoothness: 90, picture: 85, network: 80 });
  });

  it('has nothing to say without input, and weighs only the sub-scores present', () => {
    expect(scoreOf(emptyInputs())).toEqual({
      score: null,
      joinSuccess: null,
      startup: null,
      smoothness: null,
      picture: null,
      network: null,
    });
    // Only join success (everyone failed): the score is that sub-score, not a weighted zero of absent parts.
    expect(scoreOf({ ...emptyInputs(), attempts: 2, joined: 0 })).toMatchObject({
      score: 0,
      joinSuccess: 0,
      startup: null,
    });
    expect(scoreOf({ ...emptyInputs(), attempts: 2, joined: 1 }).score).toBe(50);
  });

  it('clamps frozen time over 10 % and loss over 5 % to zero', () => {
    const x = { ...emptyInputs(), watchingBuckets: 6, frozenMs: 30_000, lossBpSum: 6 * 900, lossN: 6 };
    expect(scoreOf(x)).toMatchObject({ smoothness: 0, network: 0, score: 0 });
  });
});

describe('startupPoints', () => {
  it('is 100 up to 1 s, 0 from 10 s, linear between', () => {
    expect([500, 1_000, 5_500, 10_000, 30_000].map(startupPoints)).toEqual([100, 100, 50, 0, 0]);
  });
});

describe('sessionInputs', () => {
  it('counts a page closed before signaling as no attempt, a failure as an attempt, a first frame as joined', () => {
    expect(sessionInputs(session('a', { stage: 'preflight' }), 0)).toMatchObject({ attempts: 0, joined: 0 });
    expect(sessionInputs(session('b', { stage: 'preflight' }), 1)).toMatchObject({ attempts: 1, joined: 0 });
    const joined = sessionInputs(
      session('c', { stage: 'playing', ttffMs: 5_500, history: history({ watching: 3, frozenMs: 100 }) }),
      0,
    );
    expect(joined).toMatchObject({
      attempts: 1,
      joined: 1,
      startupSum: 50,
      startupN: 1,
      watchingBuckets: 3,
      frozenMs: 100,
    });
  });
});
