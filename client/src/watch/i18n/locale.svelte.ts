/** @module The page language (ja/en): picked from the URL, the saved choice or the browser, switchable at any time. */
import type { FailureCategory } from '../../../../shared/funnel.ts';
import { en, type MessageKey } from './messages-en.ts';
import { ja } from './messages-ja.ts';

export type Lang = 'ja' | 'en';
export type Params = Record<string, string | number>;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { ja, en };

/** `?lang=` first, then a saved choice, then the first of the browser's languages that we have (English otherwise). */
export function pickLang(browserLanguages: readonly string[], ...overrides: Array<string | null | undefined>): Lang {
  for (const o of overrides) if (o === 'ja' || o === 'en') return o;
  for (const language of browserLanguages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'ja' || base === 'en') return base;
  }
  return 'en';
}

/** Replaces `{name}` with `params.name`; unknown names stay visible so mistakes show. */
export const format = (template: string, params: Params = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

export const isMessageKey = (key: string): key is MessageKey => key in en;

export class Locale {
  lang = $state<Lang>('en');
  readonly #save: (lang: Lang) => void;

  constructor(initial: Lang, save: (lang: Lang) => void = () => undefined) {
    this.lang = initial;
    this.#save = save;
  }

  t = (key: MessageKey, params?: Params): string => format(DICTIONARIES[this.lang][key], params);

  /** Text for a key built at run time (pre-flight notes); empty when the key does not exist. */
  dynamic = (key: string, params?: Params): string => (isMessageKey(key) ? this.t(key, params) : '');

  failureTitle = (category: FailureCategory): string => this.t(`failure.${category}`);

  toggle(): void {
    this.lang = this.lang === 'ja' ? 'en' : 'ja';
    this.#save(this.lang);
  }
}
