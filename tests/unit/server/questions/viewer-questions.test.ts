/** @module Watch-page questions and problem reports: the schemas, the pure builders and the per-session limiter. */
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_REPORT_CONTENT,
  ProblemReportSchema,
  ViewerQuestionSchema,
  type ProblemReport,
} from '../../../../shared/question.ts';
import { createSessionLimiter, problemQuestion, webQuestion } from '../../../../server/questions/viewer-questions.ts';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import { makeQuestion } from '../../../helpers/question-factory.ts';

const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const av1Sample = (seq: number, t: number): StatsSample => ({
  seq,
  t,
  st: 'connected',
  vi: { ss: 1, c: 'AV1', by: 150_000 * seq, pr: 130 * seq, pl: 0, fd: 30 * seq },
});
const NOW = Date.UTC(2026, 0, 1, 12);
const origin = { eventId: 'evt-1', sessionId: 'session-1', id: 'abc', now: NOW };

describe('schemas', () => {
  test('question text is cleaned of control characters and trimmed before the limits apply', () => {
    const parsed = v.parse(ViewerQuestionSchema, { t: 1, name: ' Aki\u0000 ', content: '\t Line 1\r\nLine 2\u001b  ' });
    expect(parsed).toEqual({ t: 1, name: 'Aki', content: 'Line 1\nLine 2' });
    expect(v.safeParse(ViewerQuestionSchema, { t: 1, content: ` ${'x'.repeat(500)} ` }).success).toBe(true);
    expect(v.safeParse(ViewerQuestionSchema, { t: 1, content: 'x'.repeat(501) }).success).toBe(false);
    expect(v.safeParse(ViewerQuestionSchema, { t: 1, content: '\u0007 ' }).success).toBe(false);
    expect(v.safeParse(ViewerQuestionSchema, { t: 1, content: 'ok', name: 'n'.repeat(41) }).success).toBe(false);
  });

  test('a report takes at most 40 valid samples and a bounded browser description', () => {
    const base: ProblemReport = { t: 1, samples: [av1Sample(1, 1)], browser: { userAgent: CHROME_UA } };
    expect(v.safeParse(ProblemReportSchema, base).success).toBe(true);
    const many = Array.from({ length: 41 }, (_, i) => av1Sample(i + 1, i));
    expect(v.safeParse(ProblemReportSchema, { ...base, samples: many }).success).toBe(false);
    expect(v.safeParse(ProblemReportSchema, { ...base, samples: [{ seq: -1 }] }).success).toBe(false);
    expect(v.safeParse(ProblemReportSchema, { ...base, browser: { userAgent: 'u'.repeat(513) } }).success).toBe(false);
    expect(v.safeParse(ProblemReportSchema, { ...base, browser: { userAgent: 'x', language: 'ja JP' } }).success).toBe(
      false,
    );
  });
});

describe('builders', () => {
  test('webQuestion: a fresh, anonymous-capable question from the server clock', () => {
    expect(webQuestion({ t: 5, content: 'Hi' }, origin)).toEqual(
      makeQuestion({ id: 'web-abc', eventId: 'evt-1', content: 'Hi', createdAt: NOW }),
    );
  });

  test('problemQuestion keeps 30 s of samples (oldest first), names the browser and drops the raw user agent', () => {
    const samples = [av1Sample(3, 40_000), av1Sample(1, 5_000), av1Sample(2, 10_000)];
    const { question, snapshot } = problemQuestion(
      { t: 41_000, samples, browser: { userAgent: CHROME_UA, language: 'en' } },
      origin,
    );
    expect(question).toMatchObject({
      id: 'report-abc',
      source: 'report',
      content: DEFAULT_REPORT_CONTENT,
      author: { name: 'Chrome 156 on Windows' },
    });
    expect(snapshot.samples.map((s) => s.seq)).toEqual([2, 3]);
    expect(snapshot).toMatchObject({
      sessionId: 'session-1',
      t: 41_000,
      receivedAt: NOW,
      browser: { os: 'Windows', language: 'en', screen: null },
    });
    expect(JSON.stringify(snapshot)).not.toContain('Mozilla');
  });

  test('problemQuestion uses the description when given, and accepts a report without samples', () => {
    const { question, snapshot } = problemQuestion(
      { t: 1, description: 'Black screen', samples: [], browser: { userAgent: '' } },
      origin,
    );
    expect(question).toMatchObject({ content: 'Black screen', author: { name: 'unknown on unknown' } });
    expect(snapshot.samples).toEqual([]);
  });
});

describe('createSessionLimiter', () => {
  test('one success per interval per key; refused attempts do not extend the wait', () => {
    const limiter = createSessionLimiter(10_000);
    expect(limiter.allow('a', 0)).toBe(true);
    expect(limiter.allow('a', 9_999)).toBe(false);
    expect(limiter.waitMs('a', 4_000)).toBe(6_000);
    expect(limiter.allow('b', 5_000)).toBe(true);
    expect(limiter.allow('a', 10_000)).toBe(true);
    expect(limiter.waitMs('c', 0)).toBe(0);
  });

  test('forgets expired keys once full, keeping the ones still waiting', () => {
    const limiter = createSessionLimiter(1_000, 2);
    limiter.allow('old', 0);
    limiter.allow('recent', 900);
    expect(limiter.allow('new', 1_000)).toBe(true); // 'old' expired and is dropped
    expect(limiter.allow('recent', 1_000)).toBe(false);
    expect(limiter.allow('old', 1_000)).toBe(true);
  });
});
