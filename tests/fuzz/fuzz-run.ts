/**
 * @module The fuzzer (issue 10): fast-check generates episodes — one viewing session's socket (with its ticket, none,
 * or a wrong one) sending hostile `/viewer` messages, plus beacons, host REST bodies and Sora webhooks — and plays them
 * against a real server over loopback, while a host socket checks every tick. Counts what came back; a problem is a
 * crash-class answer (`internal`, HTTP 5xx, no ack, the server gone) or a tick that is not sane.
 */
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { HOST_NAMESPACE, VIEWER_NAMESPACE } from '../../shared/events.ts';
import type { StatsSample } from '../../shared/stats-sample.ts';
import type { Tick } from '../../shared/tick.ts';
import {
  beaconSpec,
  hookSpec,
  restSpec,
  TICKET_KINDS,
  type BeaconSpec,
  type HookSpec,
  type RestSpec,
  type TicketKind,
} from './hostile-requests.ts';
import { hostileJson, viewerMessage, type SampleSpec, type ViewerMessage } from './hostile-values.ts';
import { tickProblems } from './tick-sanity.ts';

export type FuzzTarget = {
  url: string;
  hostToken: string;
  webhookSecret: string;
  /** A valid viewer ticket for the session, minted as the tests' helpers mint it. */
  ticketFor(eventId: string, sessionId: string): string;
};

export type FuzzOptions = { payloads: number; seed: number; onProgress?: (sent: number) => void };

export type FuzzSummary = {
  payloads: number;
  episodes: number;
  /** Answers by channel and kind (`socket:ok`, `socket:invalid-payload`, `beacon:429`, `handshake:unauthorized` …). */
  outcomes: Record<string, number>;
  /** Crash-class problems and insane ticks (first 20 of each, with counts). */
  problems: { count: number; first: string[] };
  ticks: { seen: number; insane: number; first: string[] };
  crashed: boolean;
  memory: { rssStartMb: number; rssPeakMb: number; rssEndMb: number; heapStartMb: number; heapEndMb: number };
  durationMs: number;
};

/** Sessions the fuzzer speaks for: a fixed pool, so what the server keeps per session stays bounded. */
const SESSIONS = 48;
const ACK_TIMEOUT_MS = 5_000;
/** Episodes played at once (each on its own session). */
const WAVE = 16;
const KNOWN_EVENTS = new Set([
  'viewer:hello',
  'viewer:stats',
  'viewer:funnel',
  'viewer:failure',
  'viewer:preflight',
  'viewer:sfu-count',
  'viewer:question',
  'viewer:problem',
]);
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

type Episode = {
  session: number;
  ticket: TicketKind;
  auth: unknown | null;
  messages: ViewerMessage[];
  beacons: BeaconSpec[];
  rest: RestSpec[];
  hooks: HookSpec[];
};

const episodeArb: fc.Arbitrary<Episode> = fc.record({
  session: fc.nat(SESSIONS - 1),
  ticket: fc.constantFrom(...TICKET_KINDS),
  auth: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hostileJson }),
  messages: fc.array(viewerMessage, { minLength: 1, maxLength: 14 }),
  beacons: fc.array(beaconSpec, { maxLength: 2 }),
  rest: fc.array(restSpec, { maxLength: 2 }),
  hooks: fc.array(hookSpec, { maxLength: 2 }),
});

/** Cumulative counters of one session's plausible samples (a new SSRC restarts them after a refusal). */
type Stream = {
  seq: number;
  t: number;
  ss: number;
  by: number;
  pr: number;
  fd: number;
  tsr: number;
  jbd: number;
  jbe: number;
};
let ssrcs = 0;
const newStream = (seq = 0, t = 0): Stream => ({
  seq,
  t,
  ss: 1_000 + (ssrcs += 2),
  by: 0,
  pr: 0,
  fd: 0,
  tsr: 0,
  jbd: 0,
  jbe: 0,
});

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = (typeof next === 'object' && next !== null ? next : (node[part] = {})) as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

function buildSample(s: Stream, spec: SampleSpec, i: number): unknown {
  if (spec.kind === 'random') return spec.value;
  const dt = 1 + i * 0.05;
  s.seq += 1;
  s.t = Math.max(s.t + 200, Date.now() - 4_000 + i * 1_000);
  s.by += Math.round(150_000 * spec.rate * dt);
  s.pr += Math.round(130 * spec.rate * dt);
  s.fd += Math.round(30 * spec.rate * dt);
  s.tsr += Math.round(48_000 * spec.rate * dt);
  s.jbe += Math.round(30 * spec.rate * dt);
  s.jbd += 0.6 * spec.rate * dt;
  const sample: StatsSample = {
    seq: s.seq,
    t: s.t,
    st: 'connected',
    vis: 'v',
    vi: {
      ss: s.ss,
      c: 'AV1',
      by: s.by,
      pr: s.pr,
      pl: 0,
      fd: s.fd,
      w: 1280,
      h: 720,
      fps: 30,
      jbd: Math.round(s.jbd * 1000) / 1000,
      jbe: s.jbe,
    },
    au: {
      ss: s.ss + 1,
      c: 'OPUS',
      by: Math.round(s.by / 30),
      pr: Math.round(s.pr / 3),
      pl: 0,
      tsr: s.tsr,
      cs: 0,
      scs: 0,
    },
    ne: { rtt: 0.02, lt: 'host', rt: 'host', pr: 'udp' },
  };
  const out = structuredClone(sample) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(spec.patch)) setPath(out, path, value);
  return out;
}

/** Relative times (−60 s … +5 s) become the wall clock; anything else is sent as generated. */
function withTime(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || !('t' in payload)) return payload;
  const t = (payload as { t: unknown }).t;
  return typeof t === 'number' && t >= -60_000 && t <= 5_000 ? { ...payload, t: Date.now() + t } : payload;
}

export async function runFuzz(target: FuzzTarget, options: FuzzOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const outcomes = new Map<string, number>();
  const bump = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  const problems: string[] = [];
  let problemCount = 0;
  const problem = (what: string) => {
    problemCount += 1;
    if (problems.length < 20) problems.push(what);
  };
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${target.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${target.hostToken}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });

  const channel = `fuzz-${options.seed}`;
  const create = async (body: unknown) => {
    const res = await api('/api/events', { method: 'POST', body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`fuzz setup: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const fuzzId = await create({
    title: 'Fuzzed event',
    phase: 'live',
    sora: {
      signalingUrls: ['wss://sora.invalid/signaling'],
      channelId: channel,
      videoCodecType: 'AV1',
      metadata: null,
    },
  });
  const scratchId = await create({ title: 'Scratch event', phase: 'scheduled' });
  const sessionId = (n: number) => `fuzz-session-${String(n).padStart(4, '0')}`;
  const streams = new Map<number, Stream>();

  // A dashboard watching the fuzzed event: every tick it receives must be sane.
  const ticks = { seen: 0, insane: 0, first: [] as string[] };
  const host: Socket = io(`${target.url}${HOST_NAMESPACE}`, {
    auth: { token: target.hostToken },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  host.on('tick', (tick: Tick) => {
    ticks.seen += 1;
    const found = tickProblems(tick, SESSIONS);
    if (found.length === 0) return;
    ticks.insane += 1;
    if (ticks.first.length < 20) ticks.first.push(...found.slice(0, 20 - ticks.first.length));
  });
  await new Promise<void>((resolve, reject) => {
    host.once('connect', resolve);
    host.once('connect_error', reject);
  });
  await host.timeout(ACK_TIMEOUT_MS).emitWithAck('host:subscribe', { eventId: fuzzId });

  const memory = { rssStartMb: 0, rssPeakMb: 0, rssEndMb: 0, heapStartMb: 0, heapEndMb: 0 };
  const mb = (bytes: number) => Math.round(bytes / 1_048_576);
  const sampleMemory = () => {
    const m = process.memoryUsage();
    memory.rssPeakMb = Math.max(memory.rssPeakMb, mb(m.rss));
    return m;
  };
  const first = sampleMemory();
  memory.rssStartMb = mb(first.rss);
  memory.heapStartMb = mb(first.heapUsed);
  const memoryTimer = setInterval(sampleMemory, 500);

  const ticketOf = (kind: TicketKind, session: string): string | undefined => {
    if (kind === 'valid') return target.ticketFor(fuzzId, session);
    if (kind === 'other-session') return target.ticketFor(fuzzId, sessionId(SESSIONS + 1));
    if (kind === 'forged') return `${target.ticketFor(fuzzId, session).slice(0, -4)}AAAA`;
    return undefined;
  };

  let sent = 0;
  let crashed = false;

  const playSocket = async (ep: Episode): Promise<void> => {
    const session = sessionId(ep.session);
    const ticket = ticketOf(ep.ticket, session);
    const auth = ep.auth ?? { eventId: fuzzId, sessionId: session, ...(ticket === undefined ? {} : { ticket }) };
    const socket: Socket = io(`${target.url}${VIEWER_NAMESPACE}`, {
      auth: auth as Record<string, unknown>,
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: ACK_TIMEOUT_MS,
    });
    sent += 1;
    const admitted = await new Promise<boolean>((resolve) => {
      let settled = false;
      const done = (ok: boolean, outcome?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (outcome) bump(`handshake:${outcome}`);
        resolve(ok);
      };
      const plain = typeof auth === 'object' && auth !== null && !Array.isArray(auth);
      const timer = setTimeout(() => {
        problem(`handshake not answered within ${ACK_TIMEOUT_MS} ms: ${JSON.stringify(auth).slice(0, 300)}`);
        done(false, 'no-answer');
      }, ACK_TIMEOUT_MS);
      // An auth that is not an object makes an invalid CONNECT packet: socket.io's parser closes the connection.
      if (!plain) socket.io.once('close', () => done(false, 'closed-invalid-packet'));
      socket.once('connect', () => done(true));
      socket.once('connect_error', (err: Error) => done(false, err.message));
    });
    if (!admitted) {
      socket.close();
      return;
    }
    bump(
      `handshake:${ep.auth === null && ep.ticket === 'valid' ? 'admitted' : `admitted-with-${ep.auth === null ? ep.ticket : 'hostile-auth'}`}`,
    );
    if (ep.auth !== null || ep.ticket !== 'valid')
      problem(
        `handshake admitted with ${ep.auth === null ? `ticket ${ep.ticket}` : JSON.stringify(ep.auth).slice(0, 200)}`,
      );
    let stream = streams.get(ep.session) ?? newStream();
    streams.set(ep.session, stream);
    for (const message of ep.messages) {
      const isStats = 'samples' in message;
      const payload = isStats
        ? 'specs' in message.samples
          ? { samples: message.samples.specs.map((spec, i) => buildSample(stream, spec, i)) }
          : message.samples.raw
        : withTime(message.payload);
      const event = message.event;
      if (RESERVED_EVENTS.has(event)) {
        bump('socket:reserved-name-not-sent'); // socket.io-client refuses to emit these; not counted as sent
        continue;
      }
      sent += 1;
      // Only `viewer:*` events are answered: anything else is sent without waiting for an ack that never comes.
      if (!isStats && (!message.ack || !event.startsWith('viewer:'))) {
        socket.emit(event, payload);
        bump('socket:no-ack');
        continue;
      }
      try {
        const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as {
          ok?: boolean;
          error?: string;
        };
        const key = ack?.ok === true ? 'ok' : (ack?.error ?? 'malformed-ack');
        bump(`socket:${key}`);
        if (key === 'internal' || key === 'malformed-ack')
          problem(`${event} answered ${key}: ${JSON.stringify(payload).slice(0, 300)}`);
        // A refused batch leaves the server's stream behind ours: start a new stream, as a renegotiated peer would.
        if (isStats && ack?.ok !== true) streams.set(ep.session, (stream = newStream(stream.seq, stream.t)));
      } catch {
        if (socket.disconnected) {
          bump('socket:dropped');
          break;
        }
        // An unknown `viewer:` name is not answered by design; a known one must always be.
        const known = KNOWN_EVENTS.has(event);
        bump(known ? 'socket:no-answer' : 'socket:unknown-event-ignored');
        if (known) problem(`${event} got no ack within ${ACK_TIMEOUT_MS} ms: ${JSON.stringify(payload).slice(0, 300)}`);
      }
    }
    socket.close();
  };

  const request = async (channelName: string, url: string, init: RequestInit): Promise<void> => {
    sent += 1;
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2 * ACK_TIMEOUT_MS) });
      await res.arrayBuffer();
      bump(`${channelName}:${res.status}`);
      if (res.status >= 500)
        problem(
          `${channelName} ${init.method ?? 'GET'} ${url.replace(target.url, '')} answered ${res.status}: ${String(init.body).slice(0, 300)}`,
        );
    } catch (err) {
      bump(`${channelName}:network-error`);
      problem(`${channelName} ${url.replace(target.url, '')}: ${(err as Error).message}`);
    }
  };
  const fill = (s: string) =>
    s
      .replaceAll('{fuzz}', fuzzId)
      .replaceAll('{scratch}', scratchId)
      .replaceAll('{channel}', channel)
      .replaceAll('{now}', new Date().toISOString());
  const json = (body: unknown) => fill(JSON.stringify(body) ?? 'null');

  const playRequests = async (ep: Episode): Promise<void> => {
    const session = sessionId(ep.session);
    for (const b of ep.beacons) {
      const ticket = ticketOf(b.ticket, session);
      const spec = b.body as { payload?: unknown };
      const body =
        b.raw ??
        json({
          eventId: fuzzId,
          sessionId: session,
          ...(ticket === undefined ? {} : { ticket }),
          ...spec,
          payload: withTime(spec.payload),
        });
      await request('beacon', `${target.url}/api/beacon`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body,
      });
    }
    for (const r of ep.rest) {
      const headers = { authorization: `Bearer ${target.hostToken}`, 'content-type': 'application/json' };
      await request('rest', `${target.url}${fill(r.path)}`, {
        method: r.method,
        headers,
        ...(r.method === 'GET' ? {} : { body: json(r.body) }),
      });
    }
    for (const h of ep.hooks) {
      const secret = h.secret ? target.webhookSecret : 'wrong-secret';
      await request('webhook', `${target.url}/api/sora/${h.path}?secret=${encodeURIComponent(secret)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: json(h.body),
      });
    }
  };

  const alive = async (): Promise<boolean> => {
    try {
      return (await fetch(`${target.url}/api/health`)).status === 200;
    } catch {
      return false;
    }
  };

  try {
    // fast-check draws the episodes (reproducible from the seed); waves of WAVE run at once, each on its own session.
    for (let chunk = 0; sent < options.payloads && !crashed; chunk++) {
      const episodes = fc.sample(episodeArb, { numRuns: 4 * WAVE, seed: options.seed + chunk });
      for (let i = 0; i < episodes.length && sent < options.payloads; i += WAVE) {
        const wave = episodes
          .slice(i, i + WAVE)
          .map((ep, j) => ({ ...ep, session: (chunk * 4 * WAVE + i + j) % SESSIONS }));
        await Promise.all(wave.map((ep) => Promise.all([playSocket(ep), playRequests(ep)])));
      }
      options.onProgress?.(sent);
      if (!(await alive())) crashed = true;
    }
  } finally {
    clearInterval(memoryTimer);
    host.close();
  }
  const end = sampleMemory();
  memory.rssEndMb = mb(end.rss);
  memory.heapEndMb = mb(end.heapUsed);
  if (crashed) problem('the server stopped answering /api/health');
  return {
    payloads: sent,
    episodes: [...outcomes.entries()].filter(([k]) => k.startsWith('handshake:')).reduce((s, [, n]) => s + n, 0),
    outcomes: Object.fromEntries([...outcomes.entries()].sort((a, b) => a[0].localeCompare(b[0]))),
    problems: { count: problemCount, first: problems },
    ticks,
    crashed,
    memory,
    durationMs: Date.now() - started,
  };
}
