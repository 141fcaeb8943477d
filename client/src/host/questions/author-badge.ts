/** @module How a question's author shows when there is no avatar image: one letter on a color picked from the name. */
import { CYCLE } from '../palette.ts';

/** The first character of the name (a whole emoji or kanji, not half of one), upper-cased; `?` when there is none. */
export function avatarLetter(name: string): string {
  const first = Array.from(name.trim())[0];
  return first === undefined ? '?' : first.toUpperCase();
}

/** The same name always gets the same color (a CSS custom property such as `--c-teal`). */
export function avatarColor(name: string): string {
  let hash = 0;
  for (let i = 0; i < name.length; i += 1) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  return CYCLE[hash % (CYCLE.length - 1)] as string; // the last one is gray: kept for "no name"
}
