/**
 * Redis lost mid-event: two Kansoku processes on a redis-server of the test's own, which is SIGKILLed while viewers
 * send. Ingest goes on (an ack needs PostgreSQL only), no process exits, and when Redis is back (empty, as after a
 * crash) the processes take the lease again and the tick series resumes with every viewer; nothing acked is lost.
 */
import { afterEach, expect, it } from 'vitest';
import type { Tick } from '../../../shared/tick.ts';
import { waitFor } from '../../helpers/clients.ts';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.ts';
import { startClusterRig, type ClusterRig } from './cluster-rig.ts';

const PER_PROCESS = 4;
const everyone = PER_PROCESS * 2;

let rig: ClusterRig | null = null;
let redis: RedisServer | null = null;
afterEach(async () => {
  await rig?.teardown();
  await redis?.stop();
  [rig, redis] = [null, null];
});

const watchingAll = (ticks: readonly Tick[], after: number) =>
  ticks.some((t) => t.t > after && t.viewers.watching === everyone) ? true : undefined;
const ackedPast = (floor: number) => (rig!.viewers.every((v) => v.acked >= floor) ? true : undefined);
const highestAck = () => Math.max(...rig!.viewers.map((v) => v.acked));

it('keeps acking through a Redis outage and resumes ticking when Redis is back', { timeout: 300_000 }, async () => {
  redis = await startRedisServer();
  rig = await startClusterRig(PER_PROCESS, redis.url);
  const { a, b, viewers } = rig;
  const ticks = await rig.dashboard(a);
  await waitFor(() => watchingAll(ticks, 0), 60_000, 'every viewer watching');

  await redis.kill();
  // Samples are still acked (stored in PostgreSQL) while Redis is away: some seconds' worth (a viewer sends ~8/s),
  // longer than the aggregator's lease.
  const floor = highestAck() + 40;
  await waitFor(() => ackedPast(floor), 60_000, 'acks during the outage');
  for (const p of [a, b]) expect((await p.api('/api/health')).ok).toBe(true);

  await redis.restart();
  const upAt = Date.now();
  await waitFor(() => watchingAll(ticks, upAt), 60_000, 'ticks with every viewer after Redis is back');
  const leader = await waitFor(async () => (await rig!.aggregatorPid()) || undefined, 10_000, 'a lease holder');
  expect([a.pid, b.pid]).toContain(leader);
  // No tick misreports the audience: seconds whose partials never reached Redis are a gap in the series, never a drop.
  const full = ticks.findIndex((t) => t.viewers.watching === everyone);
  expect(ticks.slice(full).filter((t) => t.viewers.watching !== everyone)).toEqual([]);

  // Every acked seq is in the record; every viewer is still in its session (none ended by the outage).
  const afterFloor = highestAck() + 3;
  await waitFor(() => ackedPast(afterFloor), 60_000, 'acks after the outage');
  const stored = await rig.storedSeqs();
  for (const v of viewers) expect(stored.get(v.sessionId), v.sessionId).toBeGreaterThanOrEqual(v.acked);
  const last = ticks.at(-1) as Tick;
  expect(last.viewers.watching).toBe(everyone);
});
