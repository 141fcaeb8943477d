/**
 * @module A Chrome trace of the dashboard page (`--trace 1`, `--trace-seconds 20`): the renderer's main thread over a few seconds, its CPU
 * time (the trace's thread time) per second by task — named after the first event inside it — and by event (self
 * time), so that the native part of the main thread's time per tick (paint, canvas, compositing, GC) is named instead
 * of being "(program)" in a CPU profile. The raw trace can be written too (it opens in Chrome's Performance panel).
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
};

/** `msPerS`: CPU milliseconds per second of the trace. */
type Row = { name: string; msPerS: number; count: number };
/** `workerMsPerS`: CPU time of the page's chart worker (its charts are drawn there, off the main thread). */
export type TraceSummary = { seconds: number; rows: Row[]; tasks: Row[]; workerMsPerS: number };

export async function traceMainThread(cdp: CDPSession, seconds: number, file?: string): Promise<TraceSummary> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'disabled-by-default-v8.gc',
        'disabled-by-default-devtools.timeline.invalidationTracking',
        'blink',
        'cc',
        'gpu',
      ],
    },
  });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
  await cdp.send('Tracing.end');
  await done;
  if (file) writeFileSync(file, JSON.stringify({ traceEvents: events }));
  // The page's renderer: the busiest main thread (the about:blank opened first has a renderer of its own).
  const busy = (t: TraceEvent) =>
    events.reduce((us, e) => (e.pid === t.pid && e.tid === t.tid && e.ph === 'X' ? us + (e.dur ?? 0) : us), 0);
  const main = events
    .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((t) => ({ t, us: busy(t) }))
    .sort((a, b) => b.us - a.us)[0]?.t;
  if (!main) return { seconds, rows: [], tasks: [], workerMsPerS: 0 };
  const worker = events.find(
    (e) => e.name === 'thread_name' && e.pid === main.pid && e.args?.name === 'DedicatedWorker thread',
  );
  const mine = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Self time: each event's duration less its direct children's.
  const self = new Map<string, { us: number; count: number }>();
  const stack: TraceEvent[] = [];
  const childUs = new Map<TraceEvent, number>();
  const firstChild = new Map<TraceEvent, string>();
  const roots: TraceEvent[] = [];
  for (const e of mine) {
    while (stack.length && (stack.at(-1) as TraceEvent).ts + ((stack.at(-1) as TraceEvent).dur ?? 0) <= e.ts)
      stack.pop();
    const parent = stack.at(-1);
    if (parent) childUs.set(parent, (childUs.get(parent) ?? 0) + (e.tdur ?? e.dur ?? 0));
    else roots.push(e);
    const root = stack[0];
    if (root && !firstChild.has(root) && e.name !== 'ThreadControllerImpl::RunTask') firstChild.set(root, e.name);
    stack.push(e);
  }
  for (const e of mine) {
    const s = self.get(e.name) ?? { us: 0, count: 0 };
    s.us += (e.tdur ?? e.dur ?? 0) - (childUs.get(e) ?? 0);
    s.count += 1;
    self.set(e.name, s);
  }
  const tasks = new Map<string, { us: number; count: number }>();
  for (const r of roots) {
    const key = firstChild.get(r) ?? r.name;
    const t = tasks.get(key) ?? { us: 0, count: 0 };
    t.us += r.tdur ?? r.dur ?? 0;
    t.count += 1;
    tasks.set(key, t);
  }
  const perSecond = (m: Map<string, { us: number; count: number }>) =>
    [...m]
      .map(([name, s]) => ({ name, msPerS: Math.round(s.us / 100 / seconds) / 10, count: s.count }))
      .filter((r) => r.msPerS >= 0.1)
      .sort((a, b) => b.msPerS - a.msPerS);
  // Top-level events of the worker only (a nested one is inside its parent's time).
  let workerUs = 0;
  let end = -1;
  const onWorker = events
    .filter((x) => worker && x.pid === worker.pid && x.tid === worker.tid && x.ph === 'X' && x.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  for (const e of onWorker) {
    if (e.ts < end) continue;
    workerUs += e.tdur ?? e.dur ?? 0;
    end = e.ts + (e.dur ?? 0);
  }
  return {
    seconds,
    rows: perSecond(self),
    tasks: perSecond(tasks),
    workerMsPerS: Math.round(workerUs / 100 / seconds) / 10,
  };
}

const line = (r: Row): string =>
  `  ${r.msPerS.toFixed(1).padStart(7)} ms/s  ${r.count.toString().padStart(6)}×  ${r.name}`;

export function printTrace(t: TraceSummary): void {
  const total = t.rows.reduce((n, r) => n + r.msPerS, 0);
  console.log(
    `dashboard trace: renderer main thread, ${t.seconds} s, ${Math.round(total * 10) / 10} ms/s in trace events`,
  );
  console.log(`chart worker: ${t.workerMsPerS} ms/s of CPU (off the main thread)`);
  console.log('by task (what its first event is):');
  for (const r of t.tasks.slice(0, 15)) console.log(line(r));
  console.log('by event (self time):');
  for (const r of t.rows.slice(0, 25)) console.log(line(r));
}
