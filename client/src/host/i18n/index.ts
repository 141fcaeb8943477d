/** @module The host dashboard's dictionaries and its `I18n` type. */
import type { I18n } from '../../lib/i18n.svelte.ts';
import { en, type MessageKey } from './en.ts';
import { ja } from './ja.ts';

export type { MessageKey };
export const HOST_MESSAGES = { en, ja };
export type HostI18n = I18n<MessageKey>;
