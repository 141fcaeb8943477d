/**
 * @module Web storage that never throws (private mode, disabled storage, sandboxed frames): reads give null, writes
 * are dropped. The keys every page shares are named here.
 */

/** The language a visitor picked (dashboard and watch page alike). */
export const LANG_KEY = 'kansoku.lang';
/** Where the watch page kept the language before it shared the dashboard's key. */
const OLD_LANG_KEY = 'kansoku:lang';

/** The page's storage of that kind, or null where even reaching it throws. */
export function webStorage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return globalThis[kind] ?? null;
  } catch {
    return null;
  }
}

export function readLocal(key: string): string | null {
  try {
    return webStorage('localStorage')?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeLocal(key: string, value: string | null): void {
  try {
    if (value === null) webStorage('localStorage')?.removeItem(key);
    else webStorage('localStorage')?.setItem(key, value);
  } catch {
    // Storage unavailable: the choice just is not remembered.
  }
}

/** The stored language choice; one the watch page kept under its old key moves to `LANG_KEY` (read once). */
export function readLangChoice(): string | null {
  const old = readLocal(OLD_LANG_KEY);
  if (old !== null) {
    if (readLocal(LANG_KEY) === null) writeLocal(LANG_KEY, old);
    writeLocal(OLD_LANG_KEY, null);
  }
  return readLocal(LANG_KEY);
}
