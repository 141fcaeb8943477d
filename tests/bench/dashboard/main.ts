/**
 * @module The dashboard bench (`npm run bench` runs it as its dashboard section; alone:
 * `npx tsx tests/bench/dashboard/main.ts [--viewers 10000 --minutes 3]`): pins itself (the replay server and the
 * measuring) to one core and headless Chromium to the other, replays a recorded live event to the host dashboard at
 * 1× and measures the page's own cost (docs/benchmarks.md, "Dashboard"). The stream is generated from `--seed` on
 * the first run and kept in tests/artifacts/dashboard-stream/. Writes tests/artifacts/bench-dashboard.json.
 * `CHANGE='<css>'` (or `CHANGE='JS:<script>'`, page-variant.ts) measures a variant of the page, applied after the
 * loads.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlags } from '../../../server/simulator/cli-flags.ts';
import { runScript } from '../run-script.ts';
import { CHROMIUM_PATH } from '../../e2e/support/chromium.ts';
import { ROOT } from '../server-process.ts';
import { dashboardTable, slope, summarize, type DashboardResult, type HeapPoint } from './dashboard-result.ts';
import { DASHBOARD_FLAGS, DASHBOARD_RESULT_FILE } from './section.ts';
import { measurePage } from './page-measure.ts';
import { startReplay } from './replay-server.ts';
import { ticksUpTo } from './stream.ts';
import { benchStream } from './stream-file.ts';

const round = (xs: number[]) => xs.map((x) => Math.round(x * 100) / 100);
/** From minute 2 on: the first minutes still settle (the backfill's hour, the first viewer list). */
const heapSlope = (heap: HeapPoint[], mb: (h: HeapPoint) => number | null) =>
  slope(
    heap
      .filter((h) => h.minute >= 2)
      .map((h) => ({ x: h.minute, y: mb(h) }))
      .filter((p): p is { x: number; y: number } => p.y !== null),
  );

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), DASHBOARD_FLAGS);
  // Every thread of this process (the replay and the CDP client) on one core; Chromium, through a wrapper, on the other.
  execFileSync('taskset', ['-a', '-p', '-c', String(flags['bench-cpu']), String(process.pid)], { stdio: 'ignore' });
  const before = round(loadavg());
  const s = benchStream(flags.viewers, flags.minutes, flags.history, flags.seed);
  const watching = s.ticks[ticksUpTo(s, s.openMs) - 1]?.viewers.watching ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'kansoku-dash-bench-'));
  const wrapper = join(dir, 'chromium');
  // With `--gpu 1` the wrapper drops the e2e launcher's --disable-gpu: canvases are then drawn through the GPU process
  // (SwiftShader here), as in a desktop browser, instead of on the page's main thread; that process is pinned too.
  const drop = flags.gpu ? 'for a in "$@"; do shift; [ "$a" = --disable-gpu ] || set -- "$@" "$a"; done\n' : '';
  writeFileSync(wrapper, `#!/bin/sh\n${drop}exec taskset -c ${flags['browser-cpu']} ${CHROMIUM_PATH} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const replay = await startReplay(s, join(ROOT, 'dist/client'));
  console.log(
    `dashboard: replaying ${watching} watching / ${s.sessions.length} sessions at ${replay.url} for ${flags.minutes} min`,
  );
  try {
    const profile = flags.profile ? join(ROOT, 'tests/artifacts/dashboard-profile.cpuprofile') : undefined;
    const m = await measurePage(replay, {
      executablePath: wrapper,
      minutes: flags.minutes,
      reloads: flags.reloads,
      settleS: flags.settle,
      profile,
      trace: flags.trace
        ? { file: join(ROOT, 'tests/artifacts/dashboard-trace.json'), seconds: flags['trace-seconds'] }
        : undefined,
      gpuCpu: flags.gpu && flags['gpu-cpu'] !== flags['browser-cpu'] ? flags['gpu-cpu'] : undefined,
      change: process.env.CHANGE,
    });
    const result: DashboardResult = {
      watching,
      sessions: s.sessions.length,
      minutes: flags.minutes,
      firstPaintMs: m.firstPaintMs,
      firstPaintCpuMs: m.firstPaintCpuMs,
      split: m.split,
      ...summarize(m.intervals),
      longestTaskMs: Math.round(Math.max(0, ...m.longTasks)),
      longTasks: m.longTasks.length,
      heap: m.heap,
      heapSlopeMbPerMin: heapSlope(m.heap, (h) => h.usedMb),
      workerHeapSlopeMbPerMin: heapSlope(m.heap, (h) => h.workerMb),
      tableRows: m.tableRows,
      unknownPaths: [...replay.unknown],
      load: { before, after: round(loadavg()) },
    };
    if (flags.print) console.log(`\n${dashboardTable(result)}\n`);
    console.log(`dashboard: load average before ${before.join(' ')}, after ${result.load.after.join(' ')}`);
    if (result.unknownPaths.length) console.log(`not replayed: ${result.unknownPaths.join(' ')}`);
    if (profile) console.log(`page CPU profile (first minute): ${profile}`);
    mkdirSync(join(ROOT, 'tests/artifacts'), { recursive: true });
    writeFileSync(
      DASHBOARD_RESULT_FILE,
      `${JSON.stringify({ date: new Date().toISOString(), flags, ...result, intervals: m.intervals }, null, 2)}\n`,
    );
  } finally {
    await replay.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runScript(main);
