/**
 * @module A diagnostic beside the dashboard bench (not part of `npm run bench`): which of the page's functions allocate
 * its V8 garbage. It replays the bench's event to the page, lets it settle, samples V8's allocations for `--seconds`
 * (CDP `HeapProfiler.startSampling`, objects a collection has since freed included) and prints KB/s by function, self
 * and inclusive (what it and its callees allocated). Names are readable on an unminified build:
 *
 *   npx vite build --minify false && npx tsx tests/bench/dashboard/alloc-sites.ts [--seconds 60 --settle 30]
 *
 * (`npm run build` afterwards restores the served build.) Blink's garbage — layout and style objects — is not in it:
 * heap-growth.ts and text-changes.ts follow that.
 */
import { join } from 'node:path';
import { CHROMIUM_PATH, launchChromium } from '../../e2e/support/chromium.ts';
import { parseFlags } from '../../../server/simulator/cli-flags.ts';
import { runScript } from '../run-script.ts';
import { ROOT } from '../server-process.ts';
import { startReplay } from './replay-server.ts';
import { benchStream } from './stream-file.ts';

const FLAGS = {
  seconds: { default: 60, min: 5, max: 600 },
  settle: { default: 30, min: 0, max: 300 },
  viewers: { default: 10_000, min: 100, max: 50_000 },
  top: { default: 30, min: 5, max: 500 },
  seed: { default: 1, min: 0, max: 2 ** 31 },
} as const;
/** One allocation sample in 1 KB allocated. */
const SAMPLING_BYTES = 1_024;

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { callFrame: CallFrame; selfSize: number; children: ProfileNode[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const site = (f: CallFrame) =>
  `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() || '(native)'}:${f.lineNumber + 1}`;

/** Bytes by site: `self` where allocated, `inclusive` by it and what it called (a recursive site counted once). */
function allocationSites(head: ProfileNode): {
  total: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
} {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, bytes: number) => m.set(k, (m.get(k) ?? 0) + bytes);
  const walk = (node: ProfileNode, above: Set<string>): number => {
    const k = site(node.callFrame);
    add(self, k, node.selfSize);
    const inner = new Set(above).add(k);
    const total = node.children.reduce((sum, child) => sum + walk(child, inner), node.selfSize);
    if (!above.has(k)) add(inclusive, k, total);
    return total;
  };
  return { total: walk(head, new Set()), self, inclusive };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const minutes = Math.ceil((flags.settle + flags.seconds) / 60) + 2;
  const replay = await startReplay(benchStream(flags.viewers, minutes, 60, flags.seed), join(ROOT, 'dist/client'));
  const browser = await launchChromium({ executablePath: CHROMIUM_PATH });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${replay.url}/?event=bench-dashboard`);
    await sleep(flags.settle * 1_000);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.startSampling', {
      samplingInterval: SAMPLING_BYTES,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    await sleep(flags.seconds * 1_000);
    const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
    const { total, self, inclusive } = allocationSites(profile.head);
    const perS = (bytes: number) => `${(bytes / 1_024 / flags.seconds).toFixed(1).padStart(7)} KB/s`;
    const list = (m: Map<string, number>) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, flags.top)
        .map(([k, bytes]) => `${perS(bytes)}  ${k}`)
        .join('\n');
    console.log(`V8 allocations over ${flags.seconds} s: ${perS(total).trim()}`);
    console.log(`by function, self:\n${list(self)}\nby function, with its callees:\n${list(inclusive)}`);
  } finally {
    await browser.close();
    await replay.close();
  }
}

runScript(main);
