/**
 * @module Two-language core (Japanese, English) of every page: the language follows the browser until the user picks
 * one, and `t(key, vars)` reads the current language, so every string re-renders when it changes. Dictionaries live
 * with the page that uses them (client/src/host/i18n/, client/src/watch/i18n/).
 */

export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type Vars = Record<string, string | number>;

/** The first of `choices` that is a language we speak (`?lang=`, a stored choice), else the browser's, else English. */
export function detectLang(browserLanguages: readonly string[], ...choices: Array<string | null | undefined>): Lang {
  for (const choice of choices) if (choice === 'ja' || choice === 'en') return choice;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ja' || base === 'en') return base;
  }
  return 'en';
}

/** Replaces `{name}` placeholders; unknown ones stay visible so a missing variable is easy to spot. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export class I18n<K extends string> {
  lang = $state<Lang>('en');
  /** BCP 47 locale for Intl formatting. */
  locale = $derived(this.lang === 'ja' ? 'ja-JP' : 'en-US');
  readonly #dicts: Record<Lang, Record<K, string>>;
  readonly #apply: (lang: Lang, chosen: boolean) => void;

  /**
   * `apply` runs at start and on every change, e.g. to set `<html lang>`; `chosen` is true when the user picked the
   * language (so it can be remembered, while a detected one keeps following the browser).
   */
  constructor(
    dicts: Record<Lang, Record<K, string>>,
    initial: Lang,
    apply: (lang: Lang, chosen: boolean) => void = () => {},
  ) {
    this.#dicts = dicts;
    this.#apply = apply;
    this.lang = initial;
    apply(initial, false);
  }

  t = (key: K, vars?: Vars): string => interpolate(this.#dicts[this.lang][key] ?? key, vars);

  /** Text for a key built at run time (`check.${note}`); empty when the dictionary has no such key. */
  dynamic = (key: string, vars?: Vars): string =>
    Object.hasOwn(this.#dicts[this.lang], key) ? this.t(key as K, vars) : '';

  set(lang: Lang): void {
    this.lang = lang;
    this.#apply(lang, true);
  }

  toggle(): void {
    this.set(this.lang === 'ja' ? 'en' : 'ja');
  }
}
