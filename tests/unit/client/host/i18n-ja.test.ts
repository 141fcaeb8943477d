/**
 * Japanese complete (issue 12): every key in both dictionaries with the same placeholders, no English left in the
 * Japanese one beyond technical names, and no English written straight into the dashboard's markup (where no
 * dictionary can reach it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../../../../client/src/host/i18n/en.ts';
import { ja } from '../../../../client/src/host/i18n/ja.ts';
import { latinWords, TECHNICAL_WORDS } from '../../../helpers/technical-words.ts';

const TECHNICAL = TECHNICAL_WORDS;

const hostDir = fileURLToPath(new URL('../../../../client/src/host/', import.meta.url));
const svelteFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : [],
  );

/** The literal text of a component's markup: outside script, style, comments, `{…}` and tags, plus literal labels. */
function markupText(source: string): string[] {
  let s = source.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/g, '');
  for (let prev = ''; prev !== s;) [prev, s] = [s, s.replace(/\{[^{}]*\}/g, ' ')];
  const labels = [...s.matchAll(/\b(?:title|aria-label|alt)="([^"]*)"/g)].map((m) => m[1] ?? '');
  return [s.replace(/<[^>]*>/g, ' '), ...labels];
}

describe('Japanese dictionary', () => {
  it('has every key of the English one, and nothing else', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('names the same placeholders as the English one in every message', () => {
    const names = (message: string) => [...new Set(message.match(/\{\w+\}/g) ?? [])].sort();
    const differ = (Object.keys(en) as (keyof typeof en)[]).filter(
      (key) => names(en[key]).join() !== names(ja[key]).join(),
    );
    expect(differ).toEqual([]);
    expect(names('{n} 件 / {n} of {total}')).toEqual(['{n}', '{total}']);
  });

  it('leaves no English word untranslated', () => {
    const english = Object.entries(ja).flatMap(([key, text]) =>
      latinWords(text)
        .filter((w) => !TECHNICAL.has(w))
        .map((w) => `${key}: ${w}`),
    );
    expect(english).toEqual([]);
  });

  it('catches an English word put into it', () => {
    expect(latinWords('{n} min 継続').filter((w) => !TECHNICAL.has(w))).toEqual(['min']);
    expect(latinWords('視聴者 {n} viewers').filter((w) => !TECHNICAL.has(w))).toEqual(['viewers']);
  });
});

describe('dashboard markup', () => {
  it('writes no English text outside the dictionaries', () => {
    const found = svelteFiles(hostDir).flatMap((file) =>
      markupText(readFileSync(file, 'utf8'))
        .flatMap(latinWords)
        .filter((w) => !TECHNICAL.has(w))
        .map((w) => `${file.slice(hostDir.length)}: ${w}`),
    );
    expect(found).toEqual([]);
  });

  it('sees literal text and labels, not expressions', () => {
    const text = markupText('<p title="Close">{i18n.t("x")} viewers <b>{n}</b></p><script>const a = "Hi";</script>');
    expect(text.flatMap(latinWords)).toEqual(['viewers', 'Close']);
  });
});
