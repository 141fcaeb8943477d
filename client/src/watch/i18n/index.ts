/** @module The watch and check pages' dictionaries on the shared i18n core (client/src/lib/i18n.svelte.ts). */
import { I18n, type Lang } from '../../lib/i18n.svelte.ts';
import { en, type MessageKey } from './messages-en.ts';
import { ja } from './messages-ja.ts';

export type { MessageKey };
export const WATCH_MESSAGES = { en, ja };
export type WatchI18n = I18n<MessageKey>;

/** `apply` runs at start and on each change (`chosen` when the viewer switched), as for the dashboard's. */
export const watchI18n = (lang: Lang, apply?: (lang: Lang, chosen: boolean) => void): WatchI18n =>
  new I18n(WATCH_MESSAGES, lang, apply);
