/** Short durations and per-minute rates in the dashboard's language: no English unit left in Japanese. */
import { describe, expect, it } from 'vitest';
import { ageText, perMinute } from '../../../../client/src/host/age-text.ts';
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
});
