/**
 * @module Measures a dashboard page fed by the replay, in headless Chromium pinned to its own core: first meaningful
 * paint (an in-page probe checks each animation frame from navigation on; wall time, and the main thread's own time
 * up to it; cold: an empty cache in a browser that has been open for a few seconds), then for `minutes` the
 * renderer's main-thread time per second (CDP `Performance.getMetrics` TaskDuration, read 500 ms after each tick went
 * out, so each interval holds exactly one tick; the one in which the page asked for the viewer list and the next,
 * which receives and sorts it, are counted apart), tasks over 50 ms (PerformanceObserver `longtask`), and about six
 * times a run the JS heap after a forced collection (the page's, and its chart worker's), DOM nodes and listeners.
 * `profile`: a V8 CPU profile of the page's first minute; `trace`: a Chrome trace of some seconds before the window
 * (trace-page.ts).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../../e2e/support/chromium.ts';
import type { HeapPoint, Interval } from './dashboard-result.ts';
import type { Replay } from './replay-server.ts';
import { applyVariant } from './page-variant.ts';
import { printTrace, traceMainThread } from './trace-page.ts';
import { attachWorkerHeap } from './worker-heap.ts';

/** Runs before the page's own scripts (through CDP, which the page's CSP does not govern). */
const PROBE = `window.__fmp = null; window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
  .observe({ type: 'longtask', buffered: true });
(function check() {
  const w = document.querySelector('[data-testid="viewers-watching"]');
  const c = document.querySelector('[data-testid="chart-bitrate"]');
  if (w && Number(w.textContent.replace(/[^0-9]/g, '')) > 0 && c && Number(c.dataset.points) > 0) {
    window.__fmp = performance.now();
    return;
  }
  requestAnimationFrame(check);
})();`;

/** Main-thread time per second of the window, ms: all tasks, and the script, layout and style recalculation in them. */
export type Split = { task: number; script: number; layout: number; style: number };

export type PageMeasure = {
  firstPaintMs: number[];
  /** The main thread's own time from navigation to that paint (what the page costs, whatever else runs). */
  firstPaintCpuMs: number[];
  split: Split;
  intervals: Interval[];
  heap: HeapPoint[];
  longTasks: number[];
  tableRows: number;
};

/** How long the freshly started browser is left to settle before the cold load. */
const BROWSER_SETTLE_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Navigation → first meaningful paint, wall time and the main thread's own time (TaskDuration) up to it. */
async function firstPaint(page: Page, cdp: CDPSession, load: () => Promise<unknown>): Promise<[number, number]> {
  await load();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const fmp = (await page.evaluate('window.__fmp')) as number | null;
    // Read as soon as it is seen (polled every 50 ms): the main thread's time counts from this navigation.
    if (fmp !== null) return [Math.round(fmp), Math.round(((await metrics(cdp)).TaskDuration ?? 0) * 1_000)];
    if (Date.now() > deadline) throw new Error('dashboard bench: the page never showed viewers and a bitrate chart');
    await sleep(50);
  }
}

/**
 * Moves the GPU process of the browser this process started (spawned by its zygote) to `cpu`: there it stands in for a
 * desktop's graphics card, which composites the screen — in software here, a core's worth of work at 1920×1080 that
 * would otherwise take the page's core and count in its wall times.
 */
function pinGpuProcess(cpu: number): void {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? '' }));
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (mine.has(r.ppid) && !mine.has(r.pid)) grew = Boolean(mine.add(r.pid));
  }
  const gpu = rows.find((r) => mine.has(r.pid) && r.args.includes('--type=gpu-process'));
  if (!gpu) throw new Error('dashboard bench: no GPU process found to pin');
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(gpu.pid)], { stdio: 'ignore' });
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

export async function measurePage(
  replay: Replay,
  o: {
    executablePath: string;
    minutes: number;
    reloads: number;
    settleS: number;
    profile?: string;
    trace?: { file: string; seconds: number };
    /** The core for Chromium's GPU process (its display compositor), if not the page's. */
    gpuCpu?: number;
    /** A variant of the page (page-variant.ts), applied after the last load: an A/B without a build. */
    change?: string;
  },
): Promise<PageMeasure> {
  const browser = await launchChromium({ executablePath: o.executablePath });
  try {
    if (o.gpuCpu !== undefined) pinGpuProcess(o.gpuCpu);
    const page = await browser.context.newPage();
    await page.addInitScript(PROBE);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const worker = await attachWorkerHeap(cdp);
    const url = `${replay.url}/?event=bench-dashboard`;
    // Cold means nothing of the page cached, in a browser that is already open (as the host's is): Chromium's own
    // start-up (its GPU process compiling shaders on this same core) is not the page's cost.
    await page.goto('about:blank');
    await sleep(BROWSER_SETTLE_MS);
    const loads = [await firstPaint(page, cdp, () => page.goto(url))];
    for (let i = 0; i < o.reloads; i += 1) loads.push(await firstPaint(page, cdp, () => page.reload()));
    const firstPaintMs = loads.map(([wall]) => wall);
    const firstPaintCpuMs = loads.map(([, cpu]) => cpu);
    const changed = await applyVariant(page, o.change ?? '');
    if (changed !== null) console.log(`dashboard: the variant changed ${changed}`);
    await sleep(o.settleS * 1_000);
    if (o.trace) printTrace(await traceMainThread(cdp, o.trace.seconds, o.trace.file));

    await page.evaluate('window.__longTasks.length = 0');
    if (o.profile) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));

    /**
     * Minutes between heap points: about six per run (every minute in short ones). Each forced collection arms V8's
     * memory reducer, which collects twice more some 8 s later — major GCs a host's page would not have, counted in
     * the seconds they fall in.
     */
    const heapEvery = Math.max(1, Math.round(o.minutes / 6));
    const intervals: Interval[] = [];
    const heap: HeapPoint[] = [];
    /** The heaps after forced collections (the page's, then the worker's; they run on the page's core). */
    const heapPoint = async (minute: number): Promise<{ heap: HeapPoint; taskDuration: number }> => {
      await cdp.send('HeapProfiler.collectGarbage');
      const workerMb = await worker.usedMbAfterGc();
      const after = await metrics(cdp);
      const usedMb = Math.round(((after.JSHeapUsedSize ?? 0) / 2 ** 20) * 10) / 10;
      const counts = { nodes: after.Nodes ?? 0, listeners: after.JSEventListeners ?? 0 };
      return { heap: { minute, usedMb, workerMb, ...counts }, taskDuration: after.TaskDuration ?? 0 };
    };
    let listedAt = 0;
    /** A question sent with a tick waits for the page's next beat (lib/beat.ts): it is built with the next tick. */
    let questionWaiting = false;
    let questionShownAt = 0;
    replay.onViewerList((wall) => (listedAt = wall));
    const first = await metrics(cdp);
    let prev = first.TaskDuration ?? 0;
    let prevAt = Date.now();
    /** Start of the interval before this one: the list asked for then is parsed and sorted in this one. */
    let prevPrevAt = prevAt;
    let busy = false;
    const started = Date.now();
    const sample = async (): Promise<void> => {
      if (busy) return; // a slow read, or the end: this second is folded into the next one
      busy = true;
      const m = await metrics(cdp);
      const now = Date.now();
      const kind = listedAt > prevPrevAt ? 'refresh' : questionShownAt > prevAt ? 'question' : 'tick';
      intervals.push({ ms: ((m.TaskDuration ?? 0) - prev) * 1_000, kind });
      prevPrevAt = prevAt;
      prevAt = now;
      prev = m.TaskDuration ?? 0;
      const minute = Math.floor((now - started) / 60_000);
      if (minute >= heap.length * heapEvery) {
        // The forced collection runs on the main thread: the next interval starts after it.
        const point = await heapPoint(minute);
        heap.push(point.heap);
        prev = point.taskDuration;
      }
      busy = false;
    };
    replay.onSecond((wall, questions) => {
      if (questionWaiting) questionShownAt = wall;
      questionWaiting = questions > 0;
      setTimeout(() => void sample(), 500);
    });
    if (o.profile) {
      await sleep(Math.min(60, o.minutes * 60) * 1_000);
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(o.profile, JSON.stringify(profile));
    }
    const end = started + o.minutes * 60_000;
    while (Date.now() < end) await sleep(Math.min(1_000, end - Date.now()));
    while (busy) await sleep(50);
    busy = true; // no more seconds: the last heap point is taken now
    if ((heap[heap.length - 1]?.minute ?? -1) < o.minutes) heap.push((await heapPoint(o.minutes)).heap);
    const final = await metrics(cdp);
    const perSecond = (k: string) =>
      Math.round((((final[k] ?? 0) - (first[k] ?? 0)) * 10_000) / ((Date.now() - started) / 1_000)) / 10;
    const split: Split = {
      task: perSecond('TaskDuration'),
      script: perSecond('ScriptDuration'),
      layout: perSecond('LayoutDuration'),
      style: perSecond('RecalcStyleDuration'),
    };
    const longTasks = (await page.evaluate('window.__longTasks')) as number[];
    const tableCount = (await page.evaluate(
      `document.querySelector('[data-testid="table-count"]')?.textContent ?? ''`,
    )) as string;
    return {
      firstPaintMs,
      firstPaintCpuMs,
      split,
      intervals,
      heap,
      longTasks,
      // The label reads `{shown} shown · {open} open · {ended} ended` (ja: `表示 {shown} · …`): the first number.
      tableRows: Number(/[\d,]+/.exec(tableCount)?.[0]?.replace(/,/g, '') ?? Number.NaN),
    };
  } finally {
    await browser.close();
  }
}
