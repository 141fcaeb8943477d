/**
 * @module One benchmark run against one server (Kansoku or the bare baseline): start it, ramp the crowd up, measure
 * a steady window (server CPU and RSS from /proc, wire bytes, ingested samples, probe and ack latency) — for Kansoku
 * with a SIGKILL and restart in its middle —, then drain, stop the server (it flushes to SQLite) and account for
 * every sample and every ack.
 */
import { BENCH_TICKET_KEY } from './protocol.ts';
import { ticketKeyFrom } from '../../server/admission/ticket-key.ts';
import { createTicketSigner } from '../../server/admission/ticket-signer.ts';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { postEvent } from '../../server/demo/demo-event.ts';
import { viewerSocketFactory } from '../../server/simulator/viewer-socket.ts';
import { watchTicks, type HostWatch } from './host-watch.ts';
import { startFleet, sumSnapshots } from './load-fleet.ts';
import { cpuMs, memoryMb } from './proc-stats.ts';
import { crashAndRestart } from './crash-restart.ts';
import { startServerProcess, type ServerSpec, type ServerUnderTest } from './server-process.ts';
import { inspectStore, storeBytes } from './store-check.ts';
import { summarize, type Mark, type RawCrash, type TargetResult } from './target-result.ts';

export type TargetOptions = {
  kind: 'kansoku' | 'bare';
  viewers: number;
  seconds: number;
  perProcess: number;
  probes: number;
  seed: number;
  /** Mean stay before a viewer leaves and is replaced, minutes; 0 keeps the audience steady. */
  stayMinutes: number;
  cpuProfDir?: string;
  /** Kansoku only: SIGKILL the server in the middle of the window and restart it on the same data dir and port. */
  crash?: boolean;
  /** Every process started is reported here, so the caller can stop it by PID whatever happens. */
  onChild: (child: ChildProcess) => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens one viewer socket the way the simulator does and reports the negotiated WebSocket extensions. */
async function negotiatedExtensions(url: string, eventId: string): Promise<string> {
  const signer = createTicketSigner(ticketKeyFrom(BENCH_TICKET_KEY));
  const sessionId = 'bench-deflate-check';
  const socket = viewerSocketFactory(url)(
    () => ({ eventId, sessionId, ticket: signer.mint(eventId, Date.now(), 60_000, sessionId).ticket }),
    'Mozilla/5.0 (bench)',
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ws = (socket.io.engine.transport as unknown as { ws?: { extensions?: string } }).ws;
  socket.disconnect();
  return ws?.extensions || '(none)';
}

export async function runTarget(o: TargetOptions): Promise<TargetResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kansoku-bench-'));
  const hostToken = randomBytes(24).toString('base64url');
  const spec: ServerSpec =
    o.kind === 'kansoku' ? { kind: 'kansoku', dataDir, hostToken, cpuProfDir: o.cpuProfDir } : { kind: 'bare' };
  let server: ServerUnderTest = await startServerProcess(spec);
  o.onChild(server.child);
  let host: HostWatch | null = null;
  try {
    const dbFile = join(dataDir, 'kansoku.db');
    const newEvent = async (title: string) =>
      o.kind === 'kansoku'
        ? (await postEvent(server.url, hostToken, { title, phase: 'live' })).id
        : title.replace(/\W+/g, '-');
    const eventId = await newEvent('Kansoku bench');
    // A separate event, so the check's session never counts towards the audience (and its cadence).
    const extensions = await negotiatedExtensions(server.url, await newEvent('Kansoku bench: compression check'));
    if (o.kind === 'kansoku') host = await watchTicks(server.url, hostToken, eventId);
    const baseBytes = o.kind === 'kansoku' ? storeBytes(dbFile) : 0;

    const rampMs = Math.max(10_000, o.viewers * 10); // 100 joins a second, like the minutes before a big broadcast
    const fleet = startFleet({
      url: server.url,
      eventId,
      viewers: o.viewers,
      perProcess: o.perProcess,
      probes: o.probes,
      seed: o.seed,
      rampMs,
      meanStayMs: o.stayMinutes * 60_000,
    });
    fleet.children.forEach(o.onChild);
    // Ramp, then let cadences settle (above 2,000 viewers the server asks for 5 s) before measuring.
    await sleep(rampMs + 12_000);

    const bareStats = async () =>
      (await (await fetch(`${server.url}/stats`)).json()) as { samples: number; messages: number };
    const mark = async (): Promise<Mark> => ({
      at: Date.now(),
      cpu: cpuMs(server.pid),
      load: sumSnapshots(await fleet.snapshot()),
      bare: o.kind === 'bare' ? await bareStats() : null,
      loadavg: loadavg()[0] ?? 0,
    });
    const start = await mark();
    let endAt = start.at + o.seconds * 1_000;
    const killAt = o.crash && spec.kind === 'kansoku' ? start.at + Math.floor(o.seconds / 2) * 1_000 : Infinity;
    let rssMax = 0;
    let hwm = 0;
    let crash: RawCrash | null = null;
    while (Date.now() < endAt) {
      // After the restart, poll the sockets every 250 ms until (almost) all of them are back.
      await sleep(Math.max(0, Math.min(crash && crash.reconnectedAt === null ? 250 : 1_000, endAt - Date.now())));
      if (!crash && Date.now() >= killAt && spec.kind === 'kansoku') {
        const kill = await mark();
        hwm = memoryMb(server.pid).hwm;
        const out = await crashAndRestart({ server, spec, dbFile, eventId, fleet, onChild: (s) => o.onChild(s.child) });
        server = out.server;
        endAt += out.listeningAt - kill.at; // the rest of the window starts once the server listens again
        crash = {
          kill,
          restart: await mark(),
          downMs: out.listeningAt - out.killedAt,
          reconnectedAt: null,
          atKill: out.atKill,
          readError: out.readError,
          rssMax: 0,
          hwm: 0,
        };
        console.log(
          `bench: SIGKILL at +${Math.round((kill.at - start.at) / 1000)} s, listening again after ${crash.downMs} ms; acked-then-lost at the kill: ${out.atKill.sessions} sessions${out.readError ? ` (file not read: ${out.readError})` : ''}`,
        );
        continue;
      }
      const rss = memoryMb(server.pid).rss;
      if (!crash) rssMax = Math.max(rssMax, rss);
      else {
        crash.rssMax = Math.max(crash.rssMax, rss);
        if (
          crash.reconnectedAt === null &&
          sumSnapshots(await fleet.snapshot()).connected >= 0.99 * crash.kill.load.connected
        )
          crash.reconnectedAt = Date.now();
      }
    }
    const end = await mark();
    if (crash) crash.hwm = memoryMb(server.pid).hwm;
    else hwm = memoryMb(server.pid).hwm;
    await sleep(2_000); // the ticks that count the window's last batches are still on their way

    const stopped = await fleet.stop();
    host?.close();
    await server.stop();
    const store = o.kind === 'kansoku' ? inspectStore(dbFile, eventId) : null;
    return summarize({
      options: o,
      extensions,
      start,
      end,
      rssMax,
      hwm,
      stopped,
      ticks: host?.ticks ?? [],
      store,
      baseBytes,
      crash,
    });
  } finally {
    host?.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
