/**
 * @module A diagnostic beside the dashboard bench (not part of `npm run bench`): what grows the page's heaps between
 * major collections, and how far apart the collections are. It replays the bench's event to the page as main.ts does,
 * lets it settle, then reads CDP `Runtime.getHeapUsage` once a second: V8's heap, Blink's (the embedder's: DOM, layout
 * and style objects) and ArrayBuffer backing stores. Each grows until a major GC (which marks all three at once) and
 * drops; the growth summed over the seconds it grows, per second, is the garbage that brings the next collection.
 * `HIDE='css selector'` hides a part of the page first (`display: none`), to see what that part adds; `CHANGE` applies a
 * variant of the page first, as in frame-ab.ts: a CSS rule, or `JS:` and a script that returns what it changed.
 *
 *   npx tsx tests/bench/dashboard/heap-growth.ts [--seconds 60 --settle 30 --viewers 10000 --minutes 3]
 */
import { join } from 'node:path';
import { CHROMIUM_PATH, launchChromium } from '../../e2e/support/chromium.ts';
import { parseFlags } from '../../../server/simulator/cli-flags.ts';
import { runScript } from '../run-script.ts';
import { ROOT } from '../server-process.ts';
import { applyVariant } from './page-variant.ts';
import { startReplay } from './replay-server.ts';
import { benchStream } from './stream-file.ts';

const FLAGS = {
  seconds: { default: 60, min: 5, max: 1_800 },
  settle: { default: 30, min: 0, max: 300 },
  viewers: { default: 10_000, min: 100, max: 50_000 },
  minutes: { default: 3, min: 1, max: 120 },
  seed: { default: 1, min: 0, max: 2 ** 31 },
} as const;
const HEAPS = { v8: 'usedSize', blink: 'embedderHeapUsedSize', buffers: 'backingStorageSize' } as const;
type Heap = keyof typeof HEAPS;
/** A drop of Blink's heap by more than this share is a major collection. */
const COLLECTED = 0.2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const stream = benchStream(flags.viewers, flags.minutes, 60, flags.seed);
  const replay = await startReplay(stream, join(ROOT, 'dist/client'));
  const browser = await launchChromium({ executablePath: CHROMIUM_PATH });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${replay.url}/?event=bench-dashboard`);
    await sleep(flags.settle * 1_000);
    const hide = process.env.HIDE;
    if (hide) await page.addStyleTag({ content: `${hide} { display: none !important; }` });
    const change = process.env.CHANGE ?? '';
    const changed = await applyVariant(page, change);
    if (changed !== null) console.log(`changed: ${changed}`);
    const cdp = await browser.context.newCDPSession(page);
    const read = async () => (await cdp.send('Runtime.getHeapUsage')) as unknown as Record<string, number>;
    const grown: Record<Heap, number> = { v8: 0, blink: 0, buffers: 0 };
    const collections: number[] = [];
    let prev = await read();
    for (let s = 1; s <= flags.seconds; s++) {
      await sleep(1_000);
      const now = await read();
      for (const heap of Object.keys(HEAPS) as Heap[]) {
        const field = HEAPS[heap];
        grown[heap] += Math.max(0, (now[field] ?? 0) - (prev[field] ?? 0));
      }
      if ((now.embedderHeapUsedSize ?? 0) < (1 - COLLECTED) * (prev.embedderHeapUsedSize ?? 0)) collections.push(s);
      prev = now;
    }
    const perS = (heap: Heap) => `${Math.round(grown[heap] / 1_024 / flags.seconds)} KB/s`;
    const gaps = collections.slice(1).map((s, i) => s - (collections[i] as number));
    const spacing = gaps.length ? `${Math.round(gaps.reduce((a, b) => a + b, 0) / gaps.length)} s apart` : 'n/a';
    const variant = [hide && `${hide} hidden`, change && 'the change'].filter(Boolean).join(' and ');
    console.log(`heap growth over ${flags.seconds} s${variant ? ` with ${variant}` : ''}:`);
    console.log(`  V8 ${perS('v8')}, Blink ${perS('blink')}, ArrayBuffer backing stores ${perS('buffers')}`);
    console.log(`  major collections (Blink's heap dropping): ${collections.length}, ${spacing}`);
  } finally {
    await browser.close();
    await replay.close();
  }
}

runScript(main);
