/** Web storage that never throws, and the language key every page shares (the watch page's old key moves over). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANG_KEY, readLangChoice, readLocal, writeLocal } from '../../../../../client/src/lib/local-store.ts';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('local store', () => {
  it('moves a language the watch page kept under kansoku:lang to the shared key, once', () => {
    vi.stubGlobal('localStorage', memoryStorage());
    localStorage.setItem('kansoku:lang', 'ja');
    expect(readLangChoice()).toBe('ja');
    expect(localStorage.getItem(LANG_KEY)).toBe('ja');
    expect(localStorage.getItem('kansoku:lang')).toBeNull();
    writeLocal(LANG_KEY, 'en');
    expect(readLangChoice()).toBe('en');
  });

  it('keeps a choice made under the shared key over an old one', () => {
    vi.stubGlobal('localStorage', memoryStorage());
    localStorage.setItem(LANG_KEY, 'en');
    localStorage.setItem('kansoku:lang', 'ja');
    expect(readLangChoice()).toBe('en');
    expect(localStorage.getItem('kansoku:lang')).toBeNull();
  });

  it('reads null and drops writes where storage throws', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    expect(readLocal(LANG_KEY)).toBeNull();
    expect(() => writeLocal(LANG_KEY, 'ja')).not.toThrow();
    expect(readLangChoice()).toBeNull();
  });
});
