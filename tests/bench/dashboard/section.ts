/**
 * @module `npm run bench`'s dashboard section: runs tests/bench/dashboard/main.ts as a child process (it pins itself
 * and Chromium to their cores) with the section's flags, and reads back the result it wrote.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../server-process.ts';
import type { DashboardResult } from './dashboard-result.ts';

export const DASHBOARD_FLAGS = {
  viewers: { default: 10_000, min: 100, max: 50_000 },
  minutes: { default: 3, min: 1, max: 120 },
  /** Minutes of the show before the page opens (the REST backfill holds at most an hour). */
  history: { default: 60, min: 1, max: 120 },
  seed: { default: 1, min: 0, max: 2 ** 31 },
  reloads: { default: 2, min: 0, max: 10 },
  /** Seconds between the last load and the measured window (the first viewer list and backfill settle). */
  settle: { default: 20, min: 0, max: 300 },
  'bench-cpu': { default: 0, min: 0, max: 255 },
  'browser-cpu': { default: 1, min: 0, max: 255 },
  /** 1: Chromium with its GPU process (software GL here), as a desktop browser draws canvases; 0: --disable-gpu. */
  gpu: { default: 1, min: 0, max: 1 },
  /** Where the GPU process runs (standing in for the graphics card; with the replay by default). */
  'gpu-cpu': { default: 0, min: 0, max: 255 },
  profile: { default: 0, min: 0, max: 1 },
  /** 1: a Chrome trace of `trace-seconds` before the window, its main-thread time by kind printed. */
  trace: { default: 0, min: 0, max: 1 },
  'trace-seconds': { default: 20, min: 1, max: 300 },
  /** 0: leave the table to the caller (`npm run bench` prints it with the other sections'). */
  print: { default: 1, min: 0, max: 1 },
} as const;
export type DashboardFlags = Record<keyof typeof DASHBOARD_FLAGS, number>;

export const DASHBOARD_RESULT_FILE = join(ROOT, 'tests/artifacts/bench-dashboard.json');

/** Runs the dashboard bench in a child (registered through `onChild` so the caller can stop it by PID). */
export function runDashboardSection(
  flags: Partial<DashboardFlags>,
  onChild: (child: ChildProcess) => void,
): Promise<DashboardResult> {
  const args = Object.entries({ ...flags, print: 0 }).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/dashboard/main.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  onChild(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`dashboard bench exited with ${code}`));
      resolve(JSON.parse(readFileSync(DASHBOARD_RESULT_FILE, 'utf8')) as DashboardResult);
    });
  });
}
