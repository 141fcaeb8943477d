/**
 * @module A diagnostic beside the dashboard bench (not part of `npm run bench`): what a change to the page would do to
 * its main thread, before it is made. It replays the bench's event to the page (as main.ts does, the browser pinned to
 * a core of its own), applies each variant — a CSS rule, or `JS:` and a script that returns what it changed — and
 * traces the main thread: CPU per second in the rendering frame, script, incremental GC marking, layout, paint and
 * the compositor's layerization (`PaintArtifactCompositor::Update`), and how many frames were layerized in full.
 * Variants run one after another in fresh browsers, `--rounds` times in turn, so that a machine slowing down shows as a
 * spread between rounds of the same variant; differences under ~15 % are noise on these VMs.
 *
 *   VARIANTS='{"base":"","no clips":".grid .panel * { overflow: visible !important }"}' \
 *     npx tsx tests/bench/dashboard/frame-ab.ts [--seconds 20 --settle 20 --rounds 1 --viewers 10000]
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, launchChromium } from '../../e2e/support/chromium.ts';
import { parseFlags } from '../../../server/simulator/cli-flags.ts';
import { runScript } from '../run-script.ts';
import { ROOT } from '../server-process.ts';
import { applyVariant } from './page-variant.ts';
import { startReplay } from './replay-server.ts';
import { benchStream } from './stream-file.ts';
import { traceMainThread, type TraceSummary } from './trace-page.ts';

const FLAGS = {
  seconds: { default: 20, min: 5, max: 600 },
  settle: { default: 20, min: 5, max: 300 },
  rounds: { default: 1, min: 1, max: 20 },
  viewers: { default: 10_000, min: 100, max: 50_000 },
  seed: { default: 1, min: 0, max: 2 ** 31 },
} as const;
/** The columns printed: a task kind (by its first event) or an event's self time, in CPU ms per second. */
const COLUMNS: [string, 'tasks' | 'rows', string][] = [
  ['frame', 'tasks', 'ProxyMain::BeginMainFrame'],
  ['script', 'tasks', 'v8.callFunction'],
  ['gc marking', 'tasks', 'V8.GCIncrementalMarking'],
  ['layout', 'rows', 'LocalFrameView::performLayout'],
  ['paint', 'rows', 'Paint'],
  ['layerize', 'rows', 'PaintArtifactCompositor::Update'],
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function summaryLine(name: string, t: TraceSummary): string {
  const total = t.rows.reduce((ms, r) => ms + r.msPerS, 0);
  const cells = COLUMNS.map(([label, list, event]) => {
    const ms = t[list].find((r) => r.name === event)?.msPerS ?? 0;
    return `${label} ${ms.toFixed(1)}`;
  });
  // A full layerization runs when a paint chunk's bounds or count change (a box or glyphs changing size); the others
  // take the compositor's fast path (docs/benchmarks.md, "Bars that repaint").
  const layerized = t.rows.find((r) => r.name === 'PaintArtifactCompositor::Update')?.count ?? 0;
  const frames = t.tasks.find((r) => r.name === 'ProxyMain::BeginMainFrame')?.count ?? 0;
  const full = `${layerized}/${frames} frames layerized in full`;
  return `${name.padEnd(30)} all ${total.toFixed(1)} · ${cells.join(' · ')}  (ms/s) · ${full}`;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const variants = JSON.parse(process.env.VARIANTS ?? '{"base":""}') as Record<string, string>;
  execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'kansoku-frame-ab-'));
  const wrapper = join(dir, 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\nexec taskset -c 0 ${CHROMIUM_PATH} "$@"\n`);
  chmodSync(wrapper, 0o755);
  // Long enough that the event is still live for the last variant.
  const perVariantS = flags.settle + flags.seconds + 15;
  const minutes = Math.ceil((perVariantS * flags.rounds * Object.keys(variants).length) / 60) + 2;
  const replay = await startReplay(benchStream(flags.viewers, minutes, 60, flags.seed), join(ROOT, 'dist/client'));
  try {
    for (let round = 1; round <= flags.rounds; round += 1) {
      for (const [name, change] of Object.entries(variants)) {
        const browser = await launchChromium({ executablePath: wrapper });
        try {
          const page = await browser.context.newPage();
          const cdp = await browser.context.newCDPSession(page);
          await page.goto(`${replay.url}/?event=bench-dashboard`);
          await sleep((flags.settle * 1_000) / 2);
          const changed = await applyVariant(page, change);
          if (changed !== null) console.log(`${name}: ${changed}`);
          await sleep((flags.settle * 1_000) / 2);
          console.log(summaryLine(`${name} (${round})`, await traceMainThread(cdp, flags.seconds)));
        } finally {
          await browser.close();
        }
      }
    }
  } finally {
    await replay.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runScript(main);
