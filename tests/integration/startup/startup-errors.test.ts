/**
 * Start-up failures through the real process (`node --import tsx server/main.ts`): bad variables, a taken port, an
 * unwritable data dir, an unreachable PostgreSQL and a damaged SQLite file each end the process with exit code 1 and
 * one readable line on stderr naming the place and the setting — no stack trace.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, SQLITE_FILE_NAME } from '../../../server/db/database.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const clean of cleanups.splice(0)) clean();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kansoku-startup-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function listening(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

/** A port nothing listens on (bound, read, released). */
async function closedPort(): Promise<number> {
  const { server, port } = await listening();
  await new Promise((r) => server.close(r));
  return port;
}

/** Runs the server until it exits (these starts all fail); a start that succeeds is killed and reported. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        KANSOKU_HOST_TOKEN: 'startup-test-token-0123456789',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('listening on')) child.kill('SIGKILL'); // started after all: fail the test below
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

function expectOneLine(result: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+/); // no stack frames
}

describe('start-up failures', () => {
  it('bad variables, all named on one line', async () => {
    const result = await runServer({ PORT: 'eighty', KANSOKU_HOST_TOKEN: 'short', KANSOKU_DATA_DIR: tempDir() });
    expectOneLine(
      result,
      /^kansoku: invalid configuration: PORT: must be a port number; KANSOKU_HOST_TOKEN: must be at least 16 characters$/,
    );
  });

  it('a port in use', async () => {
    const { server, port } = await listening();
    cleanups.push(() => server.close());
    const result = await runServer({ PORT: String(port), KANSOKU_DATA_DIR: tempDir() });
    expectOneLine(
      result,
      new RegExp(`^kansoku: cannot listen on 127\\.0\\.0\\.1:${port}: the port is already in use .*set PORT$`),
    );
  });

  it('a data dir that cannot be written, named with its path', async () => {
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const dataDir = join(blocker, 'data');
    const result = await runServer({ KANSOKU_DATA_DIR: dataDir });
    expectOneLine(result, /^kansoku: cannot write the data directory .*\/a-file\/data: .*KANSOKU_DATA_DIR/);
    expect(result.stderr).toContain(dataDir);
  });

  it('an unreachable PostgreSQL, named by host:port and without the password', async () => {
    const port = await closedPort();
    const result = await runServer({
      KANSOKU_DATA_DIR: tempDir(),
      DATABASE_URL: `postgres://kansoku:s3cret-pw@127.0.0.1:${port}/kansoku`,
    });
    expectOneLine(
      result,
      new RegExp(
        `^kansoku: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}: connection refused; check DATABASE_URL`,
      ),
    );
    expect(result.stderr).not.toContain('s3cret-pw');
  });

  it('a damaged SQLite file, found by quick_check at start rather than later', async () => {
    const dataDir = tempDir();
    const storage = await openDatabase({ dataDir });
    await storage.close();
    const file = join(dataDir, SQLITE_FILE_NAME);
    // Keep the header (page 1) intact and scribble over every later page: SQLite opens the file, quick_check fails.
    const fd = openSync(file, 'r+');
    const size = statSync(file).size;
    for (let at = 4096 + 100; at < size; at += 512) writeSync(fd, Buffer.alloc(64, 0x5a), 0, 64, at);
    closeSync(fd);
    const result = await runServer({ KANSOKU_DATA_DIR: dataDir });
    expectOneLine(
      result,
      new RegExp(
        `^kansoku: the SQLite database ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\(.+\\); restore it from a backup`,
      ),
    );
  });

  it('a file that is not a database at all', async () => {
    const dataDir = tempDir();
    writeFileSync(
      join(dataDir, SQLITE_FILE_NAME),
      'this is not an SQLite file, just text that happens to be long enough'.repeat(100),
    );
    const result = await runServer({ KANSOKU_DATA_DIR: dataDir });
    expectOneLine(result, /is damaged \(file is not a database\)/);
  });
});
