/** The language core (detection, interpolation, switching) and the host dictionaries' completeness. */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { en } from '../../../../../client/src/host/i18n/en.ts';
import { ja } from '../../../../../client/src/host/i18n/ja.ts';
import { detectLang, I18n, interpolate } from '../../../../../client/src/lib/i18n.svelte.ts';

describe('i18n', () => {
  it('follows the stored choice, else the browser, else English', () => {
    expect(detectLang(['fr-FR', 'ja-JP'], null)).toBe('ja');
    expect(detectLang(['ja'], 'en')).toBe('en');
    expect(detectLang(['de-DE'], null)).toBe('en');
    expect(detectLang(['en-GB', 'ja'], 'xx')).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{n} of {total}', { n: 3, total: '10' })).toBe('3 of 10');
    expect(interpolate('{n} {missing}', { n: 1 })).toBe('1 {missing}');
  });

  it('switches language and reports whether the user chose it', () => {
    const applied: string[] = [];
    const i18n = new I18n({ en: { hi: 'Hello {name}' }, ja: { hi: 'こんにちは {name}' } }, 'en', (lang, chosen) =>
      applied.push(`${lang}:${chosen}`),
    );
    expect(i18n.t('hi', { name: 'Aki' })).toBe('Hello Aki');
    i18n.toggle();
    flushSync();
    expect(i18n.t('hi', { name: 'Aki' })).toBe('こんにちは Aki');
    expect(i18n.locale).toBe('ja-JP');
    expect(applied).toEqual(['en:false', 'ja:true']);
  });

  it('has every English key in Japanese, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en))
      expect(placeholders(ja[key as keyof typeof en]), key).toEqual(placeholders(text));
  });
});
