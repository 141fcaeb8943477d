/**
 * @module `npm run bench [-- --viewers 10000 --seconds 60]`: load benchmark (not a test). Runs the bare socket.io
 * baseline, then Kansoku (SIGKILLed mid-window and restarted on its data, unless `--crash 0`), each in its own child
 * process, under the same simulated audience spread over load-generator processes, all on 127.0.0.1. Prints a table
 * (docs/benchmarks.md explains it) and writes the raw results to tests/artifacts/. Exits 0 when the run completed,
 * whatever the numbers; every child is stopped by PID.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { FlagError, parseFlags } from '../../server/simulator/cli-flags.ts';
import { measureDashboard, type DashboardResult } from './dashboard-bench.ts';
import { dashboardTable, reportTable } from './report.ts';
import { runTarget } from './run-target.ts';
import { ROOT } from './server-process.ts';
import type { TargetResult } from './target-result.ts';

const children = new Set<ChildProcess>();
/** Stops, by PID, every child this run started that is still running. */
const killAll = (): void => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), {
    viewers: { default: 2_000, min: 1, max: 20_000 },
    seconds: { default: 60, min: 5, max: 600 },
    'per-process': { default: 2_500, min: 100, max: 5_000 },
    probes: { default: 40, min: 0, max: 500 },
    seed: { default: 1, min: 0, max: 2 ** 31 },
    'stay-min': { default: 0, min: 0, max: 600 },
    'cpu-prof': { default: 0, min: 0, max: 1 },
    'skip-bare': { default: 0, min: 0, max: 1 },
    dashboard: { default: 1, min: 0, max: 1 },
    crash: { default: 1, min: 0, max: 1 },
  });
  // Bounded in time: ramp + settle + window + drain, twice, with room to spare (and a minute for the restart).
  const budgetMs = 2 * (Math.max(10_000, flags.viewers * 10) + 12_000 + flags.seconds * 1_000 + 120_000) + flags.crash * 60_000;
  setTimeout(() => {
    console.error(`bench: over its ${Math.round(budgetMs / 1000)} s budget; stopping every child`);
    killAll();
    process.exit(1);
  }, budgetMs).unref();

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  console.log(`bench: ${flags.viewers} viewers, ${flags.seconds} s window, ${machine}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const common = { viewers: flags.viewers, seconds: flags.seconds, perProcess: flags['per-process'], probes: flags.probes, seed: flags.seed, stayMinutes: flags['stay-min'], onChild: (child: ChildProcess) => void children.add(child) };
  let bare: TargetResult | null = null;
  if (!flags['skip-bare']) {
    console.log('bench: bare socket.io baseline …');
    bare = await runTarget({ ...common, kind: 'bare' });
  }
  console.log('bench: Kansoku …');
  const cpuProfDir = flags['cpu-prof'] ? join(ROOT, 'tests/artifacts/cpu-prof') : undefined;
  let dashboard: DashboardResult | null = null;
  const afterWindow = flags.dashboard
    ? async (t: { url: string; hostToken: string; eventId: string }) => {
        console.log('bench: dashboard in headless Chromium …');
        dashboard = await measureDashboard(t.url, t.hostToken, t.eventId);
      }
    : undefined;
  const kansoku = await runTarget({ ...common, kind: 'kansoku', cpuProfDir, afterWindow, crash: flags.crash === 1 });

  console.log(`\n${reportTable(bare, kansoku)}\n`);
  if (dashboard) console.log(`${dashboardTable(dashboard, flags.viewers)}\n`);
  mkdirSync(join(ROOT, 'tests/artifacts'), { recursive: true });
  const file = join(ROOT, `tests/artifacts/bench-${flags.viewers}.json`);
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, flags, bare, kansoku, dashboard }, null, 2)}\n`);
  console.log(`raw results: ${file}${cpuProfDir ? `; server CPU profile in ${cpuProfDir}` : ''}`);
}

process.on('SIGINT', () => {
  killAll();
  process.exit(130);
});
main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof FlagError ? error.message : error);
    killAll();
    process.exit(1);
  });
