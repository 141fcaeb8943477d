/**
 * @module A diagnostic beside the dashboard bench (not part of `npm run bench`): which texts on the page change, and
 * how often. It replays the bench's event to the page, watches the DOM with a MutationObserver for `--seconds` after
 * `--settle`, and prints each changing place (its nearest labelled ancestor) with its changes per second, a few of
 * the values it showed, and FREE where no fixed box (`contain: strict`) holds it: its changes lay out the page.
 * Blink's heap grows with each text laid out (docs/benchmarks.md), so this is the page's garbage by its source.
 *
 *   npx tsx tests/bench/dashboard/text-changes.ts [--seconds 30 --settle 20 --viewers 10000]
 */
import { join } from 'node:path';
import { launchChromium } from '../../e2e/support/chromium.ts';
import { parseFlags } from '../../../server/simulator/cli-flags.ts';
import { runScript } from '../run-script.ts';
import { ROOT } from '../server-process.ts';
import { startReplay } from './replay-server.ts';
import { benchStream } from './stream-file.ts';

const FLAGS = {
  seconds: { default: 30, min: 5, max: 600 },
  settle: { default: 20, min: 5, max: 300 },
  viewers: { default: 10_000, min: 100, max: 50_000 },
  seed: { default: 1, min: 0, max: 2 ** 31 },
} as const;

/** `free`: no ancestor is a fixed box (`contain: strict`), so each change lays out the page up to its root. */
type Place = { place: string; changes: number; values: string[]; free: boolean };

/** Runs in the page: observes `seconds`, then answers each place's changes, most first. */
function observe(seconds: number): Promise<Place[]> {
  const label = (node: Node | null): string => {
    const parts: string[] = [];
    for (let el = node instanceof Element ? node : node?.parentElement; el && parts.length < 3; el = el.parentElement) {
      const cls =
        typeof el.className === 'string' ? el.className.split(/\s+/).filter((c) => c && !c.startsWith('svelte-')) : [];
      const name = el.getAttribute('aria-label') ?? el.getAttribute('data-testid') ?? cls.slice(0, 2).join('.');
      if (name) parts.unshift(`${el.tagName.toLowerCase()}.${name}`);
    }
    return parts.join(' > ');
  };
  return new Promise((resolve) => {
    const places = new Map<string, Place>();
    const free = (node: Node): boolean => {
      for (let el = node instanceof Element ? node : node.parentElement; el; el = el.parentElement)
        if (['strict', 'size'].some((c) => getComputedStyle(el).contain.includes(c))) return false;
      return true;
    };
    const seen = (node: Node) => {
      const key = label(node);
      const place = places.get(key) ?? { place: key, changes: 0, values: [], free: free(node) };
      place.changes += 1;
      const text = (node.textContent ?? '').trim().slice(0, 40);
      if (place.values.length < 6 && !place.values.includes(text)) place.values.push(text);
      places.set(key, place);
    };
    const observer = new MutationObserver((records) => {
      for (const r of records) seen(r.target);
    });
    observer.observe(document.body, { subtree: true, characterData: true, childList: true });
    setTimeout(() => {
      observer.disconnect();
      resolve([...places.values()].sort((a, b) => b.changes - a.changes));
    }, seconds * 1000);
  });
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const minutes = Math.ceil((flags.settle + flags.seconds + 30) / 60) + 1;
  const replay = await startReplay(benchStream(flags.viewers, minutes, 60, flags.seed), join(ROOT, 'dist/client'));
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    // tsx names the functions it compiles with a helper the page does not have.
    await page.addInitScript('globalThis.__name = (f) => f');
    await page.goto(`${replay.url}/?event=bench-dashboard`);
    await new Promise((resolve) => setTimeout(resolve, flags.settle * 1000));
    const places = await page.evaluate(observe, flags.seconds);
    const total = places.reduce((n, p) => n + p.changes, 0);
    console.log(`${(total / flags.seconds).toFixed(1)} changes a second over ${flags.seconds} s`);
    for (const p of places)
      console.log(
        `${(p.changes / flags.seconds).toFixed(2).padStart(6)}/s ${p.free ? 'FREE ' : '     '} ${p.place}  [${p.values.join(' | ')}]`,
      );
  } finally {
    await browser.close();
    await replay.close();
  }
}

runScript(main);
