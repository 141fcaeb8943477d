/**
 * @module The dashboard bench's result and its arithmetic (pure): main-thread time per one-second interval (each
 * holds one tick), split into seconds with a tick alone, seconds that also built a new question and seconds that also
 * refreshed the viewer list; the JS heaps (the page's and its chart worker's) after a forced collection about six times
 * a run, and their trends; the printed table with the targets.
 */

export const TARGETS = { firstPaintMs: 1_500, tickP95Ms: 16, heapSlopeMbPerMin: 0.1 } as const;

/** One second of the page: main-thread time, and what else happened in it (with both, it counts as a refresh). */
export type Interval = { ms: number; kind: 'tick' | 'question' | 'refresh' };
/** `workerMb`: the chart worker's own heap (null when the page drew its charts without one). */
export type HeapPoint = { minute: number; usedMb: number; workerMb: number | null; nodes: number; listeners: number };
export type Spread = { n: number; p50: number; p95: number; max: number };

export type DashboardResult = {
  /** Watching when the page opened, and rows of the viewer list. */
  watching: number;
  sessions: number;
  minutes: number;
  /** Navigation → the KPI strip shows watching viewers and the bitrate chart has points: cold, then reloads. */
  firstPaintMs: number[];
  /** The main thread's own time (CDP TaskDuration) from navigation to that paint, same loads. */
  firstPaintCpuMs: number[];
  /** Main-thread ms per second over the window: every task, and the script, layout and style in them. */
  split: { task: number; script: number; layout: number; style: number };
  /** Seconds with a tick alone; with a new question too (one item built, the list moved down); with a list refresh. */
  tick: Spread;
  question: Spread;
  refresh: Spread;
  /** Every interval: what a host's page spends, the target's measure. */
  all: Spread;
  longestTaskMs: number;
  longTasks: number;
  heap: HeapPoint[];
  /** Least-squares slope of the post-GC heap from minute 2 on, MB per minute: the page's, and its chart worker's. */
  heapSlopeMbPerMin: number | null;
  workerHeapSlopeMbPerMin: number | null;
  tableRows: number;
  unknownPaths: string[];
  load: { before: number[]; after: number[] };
};

export function spread(values: readonly number[]): Spread {
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number): number => v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))] ?? NaN;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: v.length, p50: r(at(0.5)), p95: r(at(0.95)), max: r(v[v.length - 1] ?? NaN) };
}

export function slope(points: ReadonlyArray<{ x: number; y: number }>): number | null {
  if (points.length < 3) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  return sxx === 0 ? null : Math.round((sxy / sxx) * 1_000) / 1_000;
}

export function summarize(
  intervals: readonly Interval[],
): Pick<DashboardResult, 'tick' | 'question' | 'refresh' | 'all'> {
  const of = (kind: Interval['kind']) => intervals.filter((i) => i.kind === kind).map((i) => i.ms);
  return {
    tick: spread(of('tick')),
    question: spread(of('question')),
    refresh: spread(of('refresh')),
    all: spread(intervals.map((i) => i.ms)),
  };
}

const f = (x: number | null, digits = 0): string =>
  x === null || !Number.isFinite(x) ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: digits });
const met = (ok: boolean): string => (ok ? 'met' : 'MISSED');

export function dashboardTable(d: DashboardResult): string {
  const first = d.heap[0];
  const last = d.heap[d.heap.length - 1];
  const rows: Array<[string, string, string, string]> = [
    [
      'first meaningful paint, cold / reloads (ms)',
      `≤ ${TARGETS.firstPaintMs}`,
      d.firstPaintMs.map((x) => f(x)).join(' / '),
      met(Math.max(...d.firstPaintMs) <= TARGETS.firstPaintMs),
    ],
    ['  main-thread time to it, cold / reloads (ms)', '', d.firstPaintCpuMs.map((x) => f(x)).join(' / '), ''],
    [
      `main thread per tick second p50 / p95 / max (ms, n=${d.all.n})`,
      `p95 ≤ ${TARGETS.tickP95Ms}`,
      `${f(d.all.p50, 1)} / ${f(d.all.p95, 1)} / ${f(d.all.max, 1)}`,
      met(d.all.p95 <= TARGETS.tickP95Ms),
    ],
    [
      `  seconds with a tick alone p50 / p95 / max (ms, n=${d.tick.n})`,
      '',
      `${f(d.tick.p50, 1)} / ${f(d.tick.p95, 1)} / ${f(d.tick.max, 1)}`,
      '',
    ],
    [
      `  seconds with a new question too p50 / max (ms, n=${d.question.n})`,
      '',
      `${f(d.question.p50, 1)} / ${f(d.question.max, 1)}`,
      '',
    ],
    [
      `  seconds with a viewer-list refresh (asked, then received) p50 / max (ms, n=${d.refresh.n})`,
      '',
      `${f(d.refresh.p50, 1)} / ${f(d.refresh.max, 1)}`,
      '',
    ],
    [
      'main thread per second: all tasks / script / layout / style (ms)',
      '',
      `${f(d.split.task, 1)} / ${f(d.split.script, 1)} / ${f(d.split.layout, 1)} / ${f(d.split.style, 1)}`,
      '',
    ],
    ['longest task (ms) / tasks over 50 ms', '', `${f(d.longestTaskMs)} / ${f(d.longTasks)}`, ''],
    [
      `JS heap after GC (the page's), minute ${first?.minute ?? '—'} → ${last?.minute ?? '—'} (MB); slope`,
      `flat (≤ ${TARGETS.heapSlopeMbPerMin} MB/min)`,
      `${f(first?.usedMb ?? null, 1)} → ${f(last?.usedMb ?? null, 1)}; ${f(d.heapSlopeMbPerMin, 3)} MB/min`,
      d.heapSlopeMbPerMin === null ? '' : met(d.heapSlopeMbPerMin <= TARGETS.heapSlopeMbPerMin),
    ],
    [
      `  the chart worker's, minute ${first?.minute ?? '—'} → ${last?.minute ?? '—'} (MB); slope`,
      `flat (≤ ${TARGETS.heapSlopeMbPerMin} MB/min)`,
      `${f(first?.workerMb ?? null, 1)} → ${f(last?.workerMb ?? null, 1)}; ${f(d.workerHeapSlopeMbPerMin, 3)} MB/min`,
      d.workerHeapSlopeMbPerMin === null ? '' : met(d.workerHeapSlopeMbPerMin <= TARGETS.heapSlopeMbPerMin),
    ],
    [
      'DOM nodes / listeners, first → last',
      '',
      `${f(first?.nodes ?? null)} → ${f(last?.nodes ?? null)} / ${f(first?.listeners ?? null)} → ${f(last?.listeners ?? null)}`,
      '',
    ],
  ];
  const head = `| dashboard: ${f(d.watching)} watching, ${f(d.sessions)} sessions (table ${f(d.tableRows)} rows), ${d.minutes} min at 1× | target | value | |`;
  return [head, '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
