/**
 * @module `npm run bench -- --cluster N`: N Kansoku processes on one PostgreSQL and one Redis (this machine's), each
 * with its own share of the simulated audience (its own load generators), one dashboard on the first process. Measures
 * what the cluster adds: ticks a second and their gaps, sample → dashboard latency through the merge, each process's
 * CPU and RSS, Redis traffic (bytes and commands a second), and whether every acked seq is in PostgreSQL.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { postEvent } from '../../server/demo/demo-event.ts';
import { createPgSchema } from '../helpers/test-storage.ts';
import { watchTicks } from './host-watch.ts';
import { percentile, probeLatencies } from './latency.ts';
import { startFleet, sumSnapshots, type LoadFleet } from './load-fleet.ts';
import { cpuMs, memoryMb } from './proc-stats.ts';
import { startServerProcess, type ServerUnderTest } from './server-process.ts';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type ClusterBenchOptions = {
  processes: number;
  viewers: number;
  seconds: number;
  perProcess: number;
  probes: number;
  seed: number;
  onChild(child: ChildProcess): void;
};

export type ClusterBenchResult = {
  processes: number;
  viewers: number;
  seconds: number;
  loadavg: [number, number];
  ticks: number;
  tickGapMaxMs: number;
  watchingAtEnd: number;
  latencyMs: { p50: number; p99: number; n: number };
  perProcess: Array<{ cpuCores: number; rssMb: number; viewers: number }>;
  redis: { bytesInPerS: number; bytesOutPerS: number; commandsPerS: number };
  ackedThenLost: number;
  samplesPerS: number;
};

async function redisStats(redis: Redis): Promise<{ in: number; out: number; commands: number }> {
  const info = await redis.info('stats');
  const field = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1] ?? 0);
  return {
    in: field('total_net_input_bytes'),
    out: field('total_net_output_bytes'),
    commands: field('total_commands_processed'),
  };
}

export async function benchCluster(o: ClusterBenchOptions): Promise<ClusterBenchResult> {
  const schema = await createPgSchema();
  const hostToken = randomBytes(24).toString('base64url');
  const env = { REDIS_URL, KANSOKU_REDIS_PREFIX: `kansoku-bench-${randomBytes(3).toString('hex')}:` };
  const servers: ServerUnderTest[] = [];
  const fleets: LoadFleet[] = [];
  const redis = new Redis(REDIS_URL);
  try {
    for (let i = 0; i < o.processes; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'kansoku-cluster-bench-'));
      const server = await startServerProcess({ kind: 'kansoku', dataDir, hostToken, databaseUrl: schema.url, env });
      o.onChild(server.child);
      servers.push(server);
    }
    const first = servers[0] as ServerUnderTest;
    const eventId = (await postEvent(first.url, hostToken, { title: 'Kansoku cluster bench', phase: 'live' })).id;
    await sleep(2_000); // the others hear of the event
    const host = await watchTicks(first.url, hostToken, eventId);
    const share = Math.ceil(o.viewers / o.processes);
    const rampMs = Math.max(10_000, o.viewers * 10);
    servers.forEach((server, i) => {
      const fleet = startFleet({
        url: server.url,
        eventId,
        viewers: share,
        perProcess: o.perProcess,
        probes: i === 0 ? o.probes : 0, // probe names are per fleet: one fleet carries them all
        seed: o.seed + i * 7_919,
        rampMs,
        meanStayMs: 0,
      });
      fleet.children.forEach(o.onChild);
      fleets.push(fleet);
    });
    await sleep(rampMs + 12_000);

    const cpu0 = servers.map((s) => cpuMs(s.pid));
    const redis0 = await redisStats(redis);
    const from = Date.now();
    const rss = servers.map(() => 0);
    while (Date.now() < from + o.seconds * 1_000) {
      await sleep(1_000);
      servers.forEach((s, i) => (rss[i] = Math.max(rss[i] as number, memoryMb(s.pid).rss)));
    }
    const to = Date.now();
    const elapsed = (to - from) / 1000;
    const cpu1 = servers.map((s) => cpuMs(s.pid));
    const redis1 = await redisStats(redis);
    const snapshots = await Promise.all(fleets.map(async (f) => sumSnapshots(await f.snapshot())));
    await sleep(2_000);
    const results = await Promise.all(fleets.map((f) => f.stop()));
    host.close();
    const windowTicks = host.ticks.filter((t) => t.at >= from && t.at < to).sort((a, b) => a.t - b.t);
    const gaps = windowTicks.slice(1).map((t, i) => t.t - (windowTicks[i] as { t: number }).t);
    const latency = probeLatencies(results[0]?.probes ?? [], host.ticks, from, to);

    // Acked = stored: every acked seq is in PostgreSQL (processes still running: nothing flushed by a clean stop).
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    const stored = new Map(
      (
        await client.query<{ session_id: string; last_seq: number }>(
          'select session_id, last_seq from viewer_sessions where event_id = $1',
          [eventId],
        )
      ).rows.map((r) => [r.session_id, Number(r.last_seq)]),
    );
    await client.end();
    const sessions = results.flatMap((r) => r.sessions);
    const lost = sessions.filter((s) => s.ackedSeq > (stored.get(s.sessionId) ?? 0)).length;
    return {
      processes: o.processes,
      viewers: o.viewers,
      seconds: o.seconds,
      loadavg: [loadavg()[0] ?? 0, loadavg()[1] ?? 0],
      ticks: windowTicks.length,
      tickGapMaxMs: gaps.length ? Math.max(...gaps) : Number.NaN,
      watchingAtEnd: windowTicks.at(-1)?.watching ?? 0,
      latencyMs: {
        p50: percentile(latency.latencies, 0.5),
        p99: percentile(latency.latencies, 0.99),
        n: latency.latencies.length,
      },
      perProcess: servers.map((_, i) => ({
        cpuCores: ((cpu1[i] as number) - (cpu0[i] as number)) / 1000 / elapsed,
        rssMb: rss[i] as number,
        viewers: snapshots[i]?.connected ?? 0,
      })),
      redis: {
        bytesInPerS: (redis1.in - redis0.in) / elapsed,
        bytesOutPerS: (redis1.out - redis0.out) / elapsed,
        commandsPerS: (redis1.commands - redis0.commands) / elapsed,
      },
      ackedThenLost: lost,
      samplesPerS: windowTicks.reduce((sum, t) => sum + t.samples, 0) / elapsed,
    };
  } finally {
    for (const f of fleets) await f.stop().catch(() => undefined);
    await Promise.all(servers.map((s) => s.stop()));
    for (const key of await redis.keys(`${env.KANSOKU_REDIS_PREFIX}*`)) await redis.del(key); // the adapter's stream stays otherwise
    redis.disconnect();
    await schema.drop();
  }
}

export function clusterTable(r: ClusterBenchResult): string {
  const rows = [
    `| processes | viewers | ticks in ${r.seconds} s | tick gap max | sample → dashboard p50 / p99 | acked-then-lost | samples/s | load (1 / 5 min) |`,
    '|---|---|---|---|---|---|---|---|',
    `| ${r.processes} | ${r.viewers} (watching ${r.watchingAtEnd}) | ${r.ticks} | ${(r.tickGapMaxMs / 1000).toFixed(1)} s | ${(r.latencyMs.p50 / 1000).toFixed(2)} s / ${(r.latencyMs.p99 / 1000).toFixed(2)} s (n ${r.latencyMs.n}) | ${r.ackedThenLost} | ${Math.round(r.samplesPerS)} | ${r.loadavg.map((x) => x.toFixed(1)).join(' / ')} |`,
    '',
    '| process | viewers | CPU (cores) | RSS max |',
    '|---|---|---|---|',
    ...r.perProcess.map((p, i) => `| ${i + 1} | ${p.viewers} | ${p.cpuCores.toFixed(2)} | ${Math.round(p.rssMb)} MB |`),
    '',
    `Redis: ${Math.round(r.redis.bytesInPerS / 1024)} KB/s in, ${Math.round(r.redis.bytesOutPerS / 1024)} KB/s out, ${Math.round(r.redis.commandsPerS)} commands/s`,
  ];
  return rows.join('\n');
}
