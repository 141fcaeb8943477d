/** Short durations and per-minute rates in the dashboard's language: no English unit left in Japanese. */
import { describe, expect, it } from 'vitest';
import { ageText, perMinute, startOffsetText, steppedAge } from '../../../../client/src/host/age-text.ts';
import { HOST_MESSAGES } from '../../../../client/src/host/i18n/index.ts';
import { I18n } from '../../../../client/src/lib/i18n.svelte.ts';

describe('age and rate text', () => {
  it('says seconds, minutes and hours in English', () => {
    const en = new I18n(HOST_MESSAGES, 'en');
    expect(ageText(en, 4_400)).toBe('4 s');
    expect(ageText(en, 22 * 60_000 + 5_000)).toBe('22 min');
    expect(ageText(en, 65 * 60_000)).toBe('1 h 05 min');
    expect(ageText(en, null)).toBe('–');
    expect(perMinute(en, 2.5)).toBe('2.5 /min');
  });

  it('says them in Japanese, as "22 分 継続" rather than "22 min 継続"', () => {
    const ja = new I18n(HOST_MESSAGES, 'ja');
    expect(ageText(ja, 4_400)).toBe('4 秒');
    expect(ja.t('alerts.upFor', { age: ageText(ja, 22 * 60_000) })).toBe('22 分 継続中');
    expect(ageText(ja, 65 * 60_000)).toBe('1 時間 05 分');
    expect(perMinute(ja, 0)).toBe('0 回/分');
    expect(perMinute(ja, undefined)).toBe('–');
  });

  it('counts down to the start to the second, then counts the show in minutes beside the clock', () => {
    const en = new I18n(HOST_MESSAGES, 'en');
    const ja = new I18n(HOST_MESSAGES, 'ja');
    expect(startOffsetText(en, -(4 * 60_000 + 59_400))).toBe('4:59 to start');
    expect(startOffsetText(en, 12_000)).toBe('+12 s since start');
    expect(startOffsetText(en, 65 * 60_000 + 16_000)).toBe('+1 h 05 min since start');
    expect(startOffsetText(en, 65 * 60_000 + 59_000)).toBe(startOffsetText(en, 65 * 60_000 + 1_000));
    expect(startOffsetText(ja, 65 * 60_000)).toBe('開始から 1 時間 05 分');
    expect(startOffsetText(ja, -90_000)).toBe('開始まで 1:30');
    expect(startOffsetText(en, -(3 * 86_400_000 + 5 * 3_600_000))).toBe('3 d 5 h to start');
  });

  it('steps a running duration by tens of seconds after the first ten, then by minutes', () => {
    const en = new I18n(HOST_MESSAGES, 'en');
    const ja = new I18n(HOST_MESSAGES, 'ja');
    expect([3, 9, 10, 19, 20, 59, 60, 119, 3_900].map((s) => steppedAge(en, s))).toEqual([
      '3 s',
      '9 s',
      '10 s',
      '10 s',
      '20 s',
      '50 s',
      '1 min',
      '1 min',
      '1 h 05 min',
    ]);
    expect(steppedAge(ja, 34.6)).toBe('30 秒');
    expect(steppedAge(en, -2)).toBe('0 s');
  });
});
