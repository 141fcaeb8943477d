/**
 * Host login through the real server: the cookie's flags, REST and socket refusals without credentials, cookie and
 * bearer access, the password, logout (which also drops the session's dashboards), cross-origin refusals and the
 * pages' security headers. Throttling of wrong secrets: throttle.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../server/app.ts';
import { systemClock, systemTimers } from '../../../server/clock.ts';
import { loadConfig } from '../../../server/config.ts';
import { openDatabase, type Storage } from '../../../server/db/database.ts';
import { HOST_NAMESPACE } from '../../../shared/events.ts';

const TOKEN = 'auth-test-host-token-0123456789';
const PASSWORD = 'correct horse battery staple';

let app: App;
let storage: Storage;
let url: string;
let dataDir: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kansoku-auth-'));
  storage = await openDatabase({ memory: true, dataDir });
  app = await createApp({
    storage,
    logger: pino({ level: 'silent' }),
    clock: systemClock,
    timers: systemTimers,
    hostToken: TOKEN,
    version: 'test',
    clientDir: join(dataDir, 'no-client'),
    config: loadConfig({ KANSOKU_HOST_PASSWORD: PASSWORD }),
  });
  url = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app.close();
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function login(secret: string): Promise<string> {
  const res = await post('/api/login', { secret });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] as string;
}

function hostSocket(options: { cookie?: string; token?: string; origin?: string }): Socket {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  const socket = io(`${url}${HOST_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
    ...(options.token ? { auth: { token: options.token } } : {}),
  });
  sockets.push(socket);
  return socket;
}

const outcome = (socket: Socket): Promise<'connected' | string> =>
  new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err) => resolve(err.message));
  });

describe('host login', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie for the host token', async () => {
    const res = await post('/api/login', { secret: TOKEN });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { via: string; expiresAt: number };
    expect(body.via).toBe('session');
    expect(body.expiresAt).toBeGreaterThan(Date.now());
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^kansoku_host=[A-Za-z0-9_-]{40,}\.[0-9a-z]+\.[A-Za-z0-9_-]{43};/); // random.expiry.MAC
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).toMatch(/;\s*Max-Age=\d+/i);
    expect(cookie).not.toMatch(/Secure/i); // plain HTTP here
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const res = await post('/api/login', { secret: TOKEN }, { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('accepts the configured password and refuses a wrong secret with 401 JSON', async () => {
    expect((await post('/api/login', { secret: PASSWORD })).status).toBe(200);
    const wrong = await post('/api/login', { secret: 'not it' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.json()).toMatchObject({ ok: false, error: 'unauthorized' });
    expect((await post('/api/login', {})).status).toBe(400);
  });

  it('refuses REST without credentials (401 JSON) and accepts the cookie or the bearer token', async () => {
    for (const path of ['/api/events', '/api/session', '/api/events/abc/markers', '/api/events/abc/alerts']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(await res.json()).toMatchObject({ ok: false, error: 'unauthorized' });
    }
    const cookie = await login(TOKEN);
    expect((await fetch(`${url}/api/events`, { headers: { cookie } })).status).toBe(200);
    expect(await (await fetch(`${url}/api/session`, { headers: { cookie } })).json()).toMatchObject({ via: 'session' });
    expect((await fetch(`${url}/api/events`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${url}/api/events`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${url}/api/events`, { headers: { cookie: 'kansoku_host=forged' } })).status).toBe(401);
  });

  it('refuses a cookie sent from a foreign origin', async () => {
    const cookie = await login(TOKEN);
    const res = await fetch(`${url}/api/events`, { headers: { cookie, origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('refuses the host socket without a cookie or token and accepts either', async () => {
    expect(await outcome(hostSocket({}))).toBe('unauthorized');
    expect(await outcome(hostSocket({ cookie: 'kansoku_host=forged' }))).toBe('unauthorized');
    expect(await outcome(hostSocket({ token: 'wrong' }))).toBe('unauthorized');
    expect(await outcome(hostSocket({ token: TOKEN }))).toBe('connected');
    const cookie = await login(TOKEN);
    expect(await outcome(hostSocket({ cookie }))).toBe('connected');
    expect(await outcome(hostSocket({ cookie, origin: 'https://evil.example' }))).toBe('unauthorized');
  });

  it('logs out: the cookie is cleared, the session stops working and its sockets are dropped', async () => {
    const cookie = await login(TOKEN);
    const socket = hostSocket({ cookie });
    expect(await outcome(socket)).toBe('connected');
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const res = await post('/api/logout', {}, { cookie, origin: url });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^kansoku_host=;.*Max-Age=0/i);
    expect(await dropped).toBe('io server disconnect');
    expect((await fetch(`${url}/api/events`, { headers: { cookie } })).status).toBe(401);
    expect(await outcome(hostSocket({ cookie }))).toBe('unauthorized');
  });

  it('refuses a logout from another origin of the same site, and the session survives', async () => {
    const cookie = await login(TOKEN);
    const socket = hostSocket({ cookie });
    expect(await outcome(socket)).toBe('connected');
    // SameSite=Strict still sends the cookie from another port or subdomain of the same site.
    const sibling = `http://localhost:${new URL(url).port}`;
    const attempts: Array<Record<string, string>> = [
      { origin: sibling },
      { origin: url, 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
      {},
    ];
    for (const headers of attempts) {
      const res = await post('/api/logout', {}, { cookie, ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.json()).toMatchObject({ ok: false, error: 'unauthorized' });
    }
    expect(socket.connected).toBe(true);
    expect((await fetch(`${url}/api/session`, { headers: { cookie } })).status).toBe(200);
    expect((await post('/api/logout', {}, { cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('refuses state-changing requests with the cookie unless they prove our origin; Bearer scripts need no Origin', async () => {
    const cookie = await login(TOKEN);
    const create = (headers: Record<string, string>) => post('/api/events', { title: 'CSRF probe' }, headers);
    expect((await create({ cookie })).status).toBe(403);
    expect((await create({ cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await create({ cookie, origin: url })).status).toBe(201);
    expect((await create({ authorization: `Bearer ${TOKEN}` })).status).toBe(201);
  });

  it('refuses a login posted from another origin', async () => {
    const res = await post('/api/login', { secret: TOKEN }, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('sends a CSP with frame-ancestors on pages, and nosniff and a Referrer-Policy everywhere', async () => {
    for (const path of ['/', '/watch/some-event', '/events/abc/report']) {
      const res = await fetch(`${url}${path}`);
      expect(res.headers.get('content-type'), path).toMatch(/text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
    }
    const api = await fetch(`${url}/api/health`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toBeNull();
    const refused = await fetch(`${url}/api/events`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
