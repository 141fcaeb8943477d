/**
 * Credential guessing through the real server: failed logins, wrong Bearer tokens and wrong socket tokens are answered
 * ever more slowly (per address and globally), the correct secret still gets in while an address is throttled, and
 * X-Forwarded-For picks the address only with TRUST_PROXY. The app's timers note each hold at the cap and end it at
 * once, so what is checked is the hold the server asked for, not how long a busy machine took to answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../server/app.ts';
import { systemClock, systemTimers, type Timers } from '../../../server/clock.ts';
import { loadConfig } from '../../../server/config.ts';
import { openDatabase, type Storage } from '../../../server/db/database.ts';
import { HOST_NAMESPACE } from '../../../shared/events.ts';

const TOKEN = 'throttle-test-host-token-0123456789';
/** How long a throttled answer is held (KANSOKU_LOGIN_MAX_DELAY_MS); no other timer of the app asks for this long. */
const CAP_MS = 1_500;

type Rig = {
  url: string;
  logs: Array<{ msg: string; address?: string }>;
  /** Holds at the cap asked for so far. */
  holds(): number;
  close(): Promise<void>;
};

/** The real timers, except that a timeout of `CAP_MS` is counted and fires at once. */
function holdCounting(): { timers: Timers; holds(): number } {
  let holds = 0;
  const timers: Timers = {
    ...systemTimers,
    setTimeout: (fn, ms) => {
      if (ms !== CAP_MS) return systemTimers.setTimeout(fn, ms);
      holds += 1;
      return systemTimers.setTimeout(fn, 0);
    },
  };
  return { timers, holds: () => holds };
}
const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function start(env: Record<string, string> = {}): Promise<Rig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kansoku-throttle-'));
  const storage: Storage = await openDatabase({ memory: true, dataDir });
  const logs: Rig['logs'] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => void logs.push(JSON.parse(line) as Rig['logs'][number]) },
  );
  const { timers, holds } = holdCounting();
  const app: App = await createApp({
    storage,
    logger,
    clock: systemClock,
    timers,
    hostToken: TOKEN,
    version: 'test',
    clientDir: join(dataDir, 'no-client'),
    config: loadConfig({ KANSOKU_LOGIN_MAX_DELAY_MS: String(CAP_MS), ...env }),
  });
  const rig: Rig = {
    url: `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`,
    logs,
    holds,
    async close() {
      await app.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  rigs.push(rig);
  return rig;
}

/** What `run` answered, and whether the server held it at the cap meanwhile. */
async function timed<T>(rig: Rig, run: () => Promise<T>): Promise<{ value: T; held: boolean }> {
  const before = rig.holds();
  const value = await run();
  return { value, held: rig.holds() > before };
}

const login = (rig: Rig, secret: string, headers: Record<string, string> = {}) =>
  fetch(`${rig.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ secret }),
  });

/** Enough failures (sent at once, so none is held yet) to throttle an address to the cap. */
const failLogins = async (rig: Rig, headers: Record<string, string> = {}) => {
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => login(rig, `guess-${i}`, headers)));
  expect(answers.map((r) => r.status)).toEqual(Array(8).fill(401));
};

describe('credential throttling', () => {
  it('holds logins after repeated failures but still accepts the correct token', async () => {
    const rig = await start();
    await failLogins(rig);
    const wrong = await timed(rig, () => login(rig, 'one more guess'));
    expect(wrong.value.status).toBe(401);
    expect(wrong.held).toBe(true);
    const right = await timed(rig, () => login(rig, TOKEN));
    expect(right.value.status).toBe(200); // slowed, never refused
    expect(right.held).toBe(true);
    expect(right.value.headers.get('set-cookie')).toMatch(/^kansoku_host=/);
    // The success forgets this address's failures.
    expect((await timed(rig, () => login(rig, TOKEN))).held).toBe(false);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: a forged header does not escape the throttle', async () => {
    const rig = await start();
    await failLogins(rig, { 'x-forwarded-for': '198.51.100.1' });
    const other = await timed(rig, () => login(rig, 'guess', { 'x-forwarded-for': '198.51.100.2' }));
    expect(other.held).toBe(true);
    expect(rig.logs.filter((l) => l.msg === 'failed host login').map((l) => l.address)).toEqual(
      Array(9).fill('127.0.0.1'),
    );
  });

  it('keys by the proxy-added address with TRUST_PROXY, so one client cannot slow another', async () => {
    const rig = await start({ TRUST_PROXY: 'true' });
    await failLogins(rig, { 'x-forwarded-for': 'forged, 198.51.100.1' });
    expect((await timed(rig, () => login(rig, 'guess', { 'x-forwarded-for': '198.51.100.1' }))).held).toBe(true);
    const other = await timed(rig, () => login(rig, TOKEN, { 'x-forwarded-for': '198.51.100.2' }));
    expect(other.value.status).toBe(200);
    expect(other.held).toBe(false);
    expect(new Set(rig.logs.filter((l) => l.msg === 'failed host login').map((l) => l.address))).toEqual(
      new Set(['198.51.100.1']),
    );
  });

  it('answers wrong Bearer tokens slowly, the right one at once', async () => {
    const rig = await start();
    const api = (token: string) => fetch(`${rig.url}/api/events`, { headers: { authorization: `Bearer ${token}` } });
    const first = await Promise.all(Array.from({ length: 8 }, (_, i) => api(`wrong-${i}`)));
    expect(first.map((r) => r.status)).toEqual(Array(8).fill(401));
    const wrong = await timed(rig, () => api('wrong-again'));
    expect(wrong.value.status).toBe(401);
    expect(wrong.held).toBe(true);
    const right = await timed(rig, () => api(TOKEN));
    expect(right.value.status).toBe(200);
    expect(right.held).toBe(false);
    // The same counter guards logins: Bearer guessing cannot go around the login throttle.
    expect((await timed(rig, () => login(rig, 'guess'))).held).toBe(true);
  });

  it('refuses wrong host socket tokens slowly', async () => {
    const rig = await start();
    const connect = (token: string) =>
      new Promise<string>((resolve) => {
        const socket = io(`${rig.url}${HOST_NAMESPACE}`, {
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
          auth: { token },
        });
        socket.once('connect', () => (socket.disconnect(), resolve('connected')));
        socket.once('connect_error', (err) => (socket.disconnect(), resolve(err.message)));
      });
    expect(await Promise.all(Array.from({ length: 8 }, (_, i) => connect(`wrong-${i}`)))).toEqual(
      Array(8).fill('unauthorized'),
    );
    const wrong = await timed(rig, () => connect('wrong-again'));
    expect(wrong.value).toBe('unauthorized');
    expect(wrong.held).toBe(true);
    const right = await timed(rig, () => connect(TOKEN));
    expect(right.value).toBe('connected');
    expect(right.held).toBe(false);
  });
});
