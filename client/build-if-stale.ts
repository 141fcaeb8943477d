/**
 * @module `npm start`'s pre-step: builds the client (`npm run build`) only when something it is built from changed
 * since the last build — its sources, the shared contract, the build configs or the installed packages — so an
 * unchanged checkout starts in about a second instead of rebuilding for 15 s. The last build is marked by
 * dist/.build-stamp, written after a successful build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(ROOT, 'dist/.build-stamp');
const INPUTS = [
  'client',
  'shared',
  'vite.config.ts',
  'vite.embed.config.ts',
  'svelte.config.js',
  'package-lock.json',
  'tsconfig.json',
];
const OUTPUTS = ['dist/client/index.html', 'dist/client/watch.html', 'dist/embed/kansoku-collector.js'];

/** The newest modification time under `path` (ms), walking directories. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function stale(): string | null {
  const missing = OUTPUTS.find((file) => !existsSync(join(ROOT, file)));
  if (missing) return `${missing} is missing`;
  if (!existsSync(STAMP)) return 'no record of the last build';
  const built = statSync(STAMP).mtimeMs;
  const changed = INPUTS.find((input) => newest(join(ROOT, input)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

const reason = process.env.KANSOKU_FORCE_BUILD === '1' ? 'KANSOKU_FORCE_BUILD=1' : stale();
if (reason === null) {
  console.log('client build is up to date (dist/); set KANSOKU_FORCE_BUILD=1 to rebuild anyway');
} else {
  console.log(`building the client: ${reason}`);
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
