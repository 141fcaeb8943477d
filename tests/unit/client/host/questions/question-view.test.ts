/**
 * Pure helpers of the questions panel: merging by id, advice in the host's language, avatar letters, snapshot lines.
 */
import { describe, expect, it } from 'vitest';
import { avatarColor, avatarLetter } from '../../../../../client/src/host/questions/author-badge.ts';
import { adviceFor, mergeQuestions, upsertQuestion } from '../../../../../client/src/host/questions/question-view.ts';
import { snapshotSeries } from '../../../../../client/src/host/questions/snapshot-series.ts';
import type { StatsSample } from '../../../../../shared/stats-sample.ts';
import { makeQuestion } from './fakes.ts';

describe('upsertQuestion / mergeQuestions', () => {
  it('keeps posting order when a late question arrives, and never duplicates an id', () => {
    const a = makeQuestion({ createdAt: 1_000 });
    const c = makeQuestion({ createdAt: 3_000 });
    const b = makeQuestion({ createdAt: 2_000 });
    const list = upsertQuestion(upsertQuestion([a], c), b);
    expect(list.map((q) => q.createdAt)).toEqual([1_000, 2_000, 3_000]);
    const again = upsertQuestion(list, { ...b, votes: 3 });
    expect(again).toHaveLength(3);
    expect(again[1]?.votes).toBe(3);
    expect(list[1]?.votes).toBe(0);
    expect(mergeQuestions([c, a], [{ ...a, answered: true }, b]).map((q) => [q.createdAt, q.answered])).toEqual([
      [1_000, true],
      [2_000, false],
      [3_000, false],
    ]);
  });
});

describe('adviceFor', () => {
  const advice =
    'Turn on MESSAGE CONTENT INTENT and restart Kansoku.\nMESSAGE CONTENT INTENT をオンにして Kansoku を再起動してください。';
  it('picks the host’s language line, or all of it when there is only one', () => {
    expect(adviceFor(advice, 'en')).toBe('Turn on MESSAGE CONTENT INTENT and restart Kansoku.');
    expect(adviceFor(advice, 'ja')).toBe('MESSAGE CONTENT INTENT をオンにして Kansoku を再起動してください。');
    expect(adviceFor('Only English here.', 'ja')).toBe('Only English here.');
  });
});

describe('avatar letters', () => {
  it('takes a whole first character, upper-cased, and a stable color', () => {
    expect(avatarLetter('alice')).toBe('A');
    expect(avatarLetter('  ')).toBe('?');
    expect(avatarLetter('😀 smile')).toBe('😀');
    expect(avatarLetter('観測')).toBe('観');
    expect(avatarColor('alice')).toBe(avatarColor('alice'));
    expect(avatarColor('alice')).toMatch(/^--c-/);
  });
});

describe('snapshotSeries', () => {
  const sample = (seq: number, patch: Partial<StatsSample> = {}): StatsSample => ({
    seq,
    t: 10_000 + seq * 1000,
    st: 'connected',
    vi: {
      ss: 1,
      by: 250_000 * seq,
      pr: 200 * seq,
      pl: seq > 2 ? 10 : 0,
      fd: 30 * seq,
      jbd: 0.05 * 30 * seq,
      jbe: 30 * seq,
    },
    ...patch,
  });

  it('derives bitrate, loss, fps and jitter-buffer delay between consecutive samples', () => {
    const s = snapshotSeries([sample(3), sample(1), sample(2)]);
    expect(s?.xMin).toBe(11_000);
    expect(s?.xMax).toBe(13_000);
    expect(s?.points.kbps).toEqual([
      { x: 12_000, y: 2_000 },
      { x: 13_000, y: 2_000 },
    ]);
    expect(s?.points.fps.map((p) => p.y)).toEqual([30, 30]);
    expect(s?.points.jitterBufferMs.map((p) => p.y)).toEqual([50, 50]);
    expect(s?.points.lossPct[1]?.y).toBeGreaterThan(0);
  });

  it('is null with fewer than two samples', () => {
    expect(snapshotSeries([])).toBeNull();
    expect(snapshotSeries([sample(1)])).toBeNull();
  });
});
