/**
 * @module `npm run bench [-- --viewers 10000 --seconds 60]`: benchmarks (not tests). The report section seeds a
 * finished event (`--report-viewers 10000 --report-minutes 120`) on SQLite and PostgreSQL and measures its report
 * (`--report 0` skips it). The load section runs the bare socket.io baseline, then Kansoku (SIGKILLed mid-window and
 * restarted on its data, unless `--crash 0`), each in its own child process, under the same simulated audience spread
 * over load-generator processes, all on 127.0.0.1 (`--load 0` skips it). The dashboard section replays a recorded
 * 10,000-viewer event to the host dashboard in Chromium on its own core (`--dashboard-minutes 3`; `--dashboard-trace 1`
 * prints where the page's main thread spends its time; `--dashboard 0` skips it). Prints tables (docs/benchmarks.md explains them) and writes the raw results to tests/artifacts/. Exits 0
 * when the run completed, whatever the numbers; every child is stopped by PID.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { FlagError, parseFlags } from '../../server/simulator/cli-flags.ts';
import { dashboardTable, type DashboardResult } from './dashboard/dashboard-result.ts';
import { runDashboardSection } from './dashboard/section.ts';
import { reportTable } from './report.ts';
import { benchReport, reportBenchTable, type ReportBenchResult } from './report-bench.ts';
import { benchCluster, clusterTable, type ClusterBenchResult } from './cluster-bench.ts';
import { runTarget } from './run-target.ts';
import { ROOT } from './server-process.ts';
import type { TargetResult } from './target-result.ts';

const children = new Set<ChildProcess>();
/** Stops, by PID, every child this run started that is still running. */
const killAll = (): void => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};

const FLAGS = {
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
  load: { default: 1, min: 0, max: 1 },
  report: { default: 1, min: 0, max: 1 },
  'report-viewers': { default: 10_000, min: 10, max: 50_000 },
  'report-minutes': { default: 120, min: 1, max: 600 },
  /** Processes of a cluster on this machine's Redis and PostgreSQL (`--cluster 2 --viewers 20000`); 0 skips it. */
  cluster: { default: 0, min: 0, max: 8 },
  'dashboard-viewers': { default: 10_000, min: 100, max: 50_000 },
  'dashboard-minutes': { default: 3, min: 1, max: 120 },
  'dashboard-gpu': { default: 1, min: 0, max: 1 },
  'dashboard-profile': { default: 0, min: 0, max: 1 },
  'dashboard-trace': { default: 0, min: 0, max: 1 },
  'dashboard-trace-seconds': { default: 20, min: 1, max: 300 },
} as const;
type Flags = Record<keyof typeof FLAGS, number>;

/** The live path under load: the bare baseline, then Kansoku (crashed and restarted). */
async function loadSection(flags: Flags): Promise<{ bare: TargetResult | null; kansoku: TargetResult }> {
  const common = {
    viewers: flags.viewers,
    seconds: flags.seconds,
    perProcess: flags['per-process'],
    probes: flags.probes,
    seed: flags.seed,
    stayMinutes: flags['stay-min'],
    onChild: (child: ChildProcess) => void children.add(child),
  };
  let bare: TargetResult | null = null;
  if (!flags['skip-bare']) {
    console.log('bench: bare socket.io baseline …');
    bare = await runTarget({ ...common, kind: 'bare' });
  }
  console.log('bench: Kansoku …');
  const cpuProfDir = flags['cpu-prof'] ? join(ROOT, 'tests/artifacts/cpu-prof') : undefined;
  const kansoku = await runTarget({ ...common, kind: 'kansoku', cpuProfDir, crash: flags.crash === 1 });
  return { bare, kansoku };
}

/** The dashboard page's own cost, fed by a replayed 10,000-viewer event, with Chromium on its own core. */
function dashboardSection(flags: Flags): Promise<DashboardResult> {
  console.log(
    `bench: dashboard, ${flags['dashboard-viewers']} viewers replayed for ${flags['dashboard-minutes']} min …`,
  );
  return runDashboardSection(
    {
      viewers: flags['dashboard-viewers'],
      minutes: flags['dashboard-minutes'],
      seed: flags.seed,
      gpu: flags['dashboard-gpu'],
      profile: flags['dashboard-profile'],
      trace: flags['dashboard-trace'],
      'trace-seconds': flags['dashboard-trace-seconds'],
    },
    (child) => void children.add(child),
  );
}

/** The post-event report of a seeded event, on SQLite and then PostgreSQL. */
async function reportSection(viewers: number, minutes: number): Promise<ReportBenchResult[]> {
  const results: ReportBenchResult[] = [];
  for (const dialect of ['sqlite', 'postgres'] as const) {
    console.log(`bench: report of a seeded ${viewers} × ${minutes} min event on ${dialect} …`);
    results.push(await benchReport({ dialect, viewers, minutes, onChild: (child) => void children.add(child) }));
  }
  return results;
}

async function main(): Promise<void> {
  const flags: Flags = parseFlags(process.argv.slice(2), FLAGS);
  // Bounded in time: ramp + settle + window + drain, twice, with room to spare (and a minute for the restart).
  const loadMs =
    flags.load *
    (2 * (Math.max(10_000, flags.viewers * 10) + 12_000 + flags.seconds * 1_000 + 120_000) + flags.crash * 60_000);
  // The report section: seeding takes ~6 ms per session-hour on SQLite; ten minutes more for the rest, per dialect.
  const reportMs = flags.report * 2 * (flags['report-viewers'] * (flags['report-minutes'] / 60) * 15 + 600_000);
  const clusterMs = flags.cluster
    ? flags.cluster * 120_000 + Math.max(10_000, flags.viewers * 10) + flags.seconds * 1_000 + 180_000
    : 0;
  // The dashboard section: its minutes, the loads before them, and generating the stream the first time.
  const dashboardMs = flags.dashboard * (flags['dashboard-minutes'] * 60_000 + 600_000);
  const budgetMs = loadMs + reportMs + clusterMs + dashboardMs;
  setTimeout(() => {
    console.error(`bench: over its ${Math.round(budgetMs / 1000)} s budget; stopping every child`);
    killAll();
    process.exit(1);
  }, budgetMs).unref();

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  console.log(
    `bench: ${flags.viewers} viewers, ${flags.seconds} s window, ${machine}, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const report = flags.report ? await reportSection(flags['report-viewers'], flags['report-minutes']) : null;
  const load = flags.load ? await loadSection(flags) : null;
  let cluster: ClusterBenchResult | null = null;
  if (flags.cluster) {
    console.log(`bench: ${flags.cluster} processes on Redis + PostgreSQL, ${flags.viewers} viewers …`);
    cluster = await benchCluster({
      processes: flags.cluster,
      viewers: flags.viewers,
      seconds: flags.seconds,
      perProcess: flags['per-process'],
      probes: flags.probes,
      seed: flags.seed,
      onChild: (child) => void children.add(child),
    });
    console.log(`\n${clusterTable(cluster)}\n`);
  }
  const dashboard = flags.dashboard ? await dashboardSection(flags) : null;
  if (load) console.log(`\n${reportTable(load.bare, load.kansoku)}\n`);
  if (report) console.log(`${reportBenchTable(report)}\n`);
  if (dashboard) console.log(`${dashboardTable(dashboard)}\n`);
  mkdirSync(join(ROOT, 'tests/artifacts'), { recursive: true });
  const file = join(ROOT, `tests/artifacts/bench-${flags.viewers}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), machine, flags, ...load, report, cluster, dashboard }, null, 2)}\n`,
  );
  console.log(
    `raw results: ${file}${flags['cpu-prof'] ? `; server CPU profile in ${join(ROOT, 'tests/artifacts/cpu-prof')}` : ''}`,
  );
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
