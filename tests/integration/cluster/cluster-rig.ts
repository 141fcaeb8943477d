/**
 * @module Two Kansoku processes of one cluster for a test: a fresh PostgreSQL schema and Redis key prefix, an event
 * both know, `perProcess` sending viewers on each, dashboards on either; `teardown()` stops everything by PID and
 * deletes the test's schema and keys.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { expect } from 'vitest';
import type { EventCreate, KansokuEvent } from '../../../shared/event.ts';
import type { Tick } from '../../../shared/tick.ts';
import { E2E_HOST_TOKEN, startServerProcess, type ServerProcess } from '../../e2e/support/server-process.ts';
import { collectTicks, connected, hostSocket, waitFor, type HostSocket } from '../../helpers/clients.ts';
import { SendingViewer } from '../../helpers/sending-viewer.ts';
import { createPgSchema, type PgSchema } from '../../helpers/test-storage.ts';

export const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type ClusterRig = {
  a: ServerProcess;
  b: ServerProcess;
  event: KansokuEvent;
  viewers: SendingViewer[];
  /** The PID in the event's lease (the aggregator), or NaN without one. */
  aggregatorPid(): Promise<number>;
  /**
   * Hands the event's lease to a process that does not exist, for `ms` (as when the leader's Redis was slow and the
   * lease ran out): both real processes then lead nothing until it expires.
   */
  stealLease(ms: number): Promise<void>;
  /** A third process on the same record and Redis, started now (stopped with the others at teardown). */
  another(): Promise<ServerProcess>;
  /** A host socket on `p` subscribed to the event; the ticks it receives. */
  dashboard(p: ServerProcess): Promise<Tick[]>;
  /** Every viewer's session's last stored seq, from PostgreSQL. */
  storedSeqs(): Promise<Map<string, number>>;
  teardown(): Promise<void>;
};

/** `extra.env`: more settings for both processes; `extra.event`: more fields for the event. */
export async function startClusterRig(
  perProcess: number,
  redisUrl = SHARED_REDIS_URL,
  extra: { env?: Record<string, string>; event?: Partial<EventCreate> } = {},
): Promise<ClusterRig> {
  const schema: PgSchema = await createPgSchema();
  const prefix = `kansoku-test-${randomBytes(4).toString('hex')}:`;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const env = { DATABASE_URL: schema.url, REDIS_URL: redisUrl, KANSOKU_REDIS_PREFIX: prefix, ...extra.env };
  const processes = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  const viewers: SendingViewer[] = [];
  const hosts: HostSocket[] = [];
  const teardown = async () => {
    for (const v of viewers) v.stop();
    for (const h of hosts) h.disconnect();
    await Promise.all(processes.map((p) => p.stop()));
    await schema.drop();
    // The adapter's stream has no expiry: a test's keys go with it (when that Redis is still up).
    const keys = await redis.keys(`${prefix}*`).catch(() => []);
    for (const key of keys) await redis.del(key);
    redis.disconnect();
  };
  try {
    const [a, b] = processes as [ServerProcess, ServerProcess];
    const event = await a.createEvent({ phase: 'live', ...extra.event });
    // The other process hears of the event over Redis and reads it from the record.
    const known = async () => ((await b.api(`/api/events/${event.id}`)).ok ? true : undefined);
    await waitFor(known, 20_000, 'b to know it');
    for (const [i, p] of processes.entries())
      for (let j = 0; j < perProcess; j++)
        viewers.push(new SendingViewer(p.url, event.id, `cluster-viewer-${i}-${String(j).padStart(2, '0')}`));
    await Promise.all(viewers.map((v) => v.start(false)));
    return {
      a,
      b,
      event,
      viewers,
      async stealLease(ms) {
        await redis.set(`${prefix}lease:${event.id}`, 'elsewhere-0-000000', 'PX', ms);
      },
      async another() {
        const p = await startServerProcess(env);
        processes.push(p);
        return p;
      },
      async aggregatorPid() {
        return Number(/-(\d+)-[0-9a-f]+$/.exec((await redis.get(`${prefix}lease:${event.id}`)) ?? '')?.[1]);
      },
      async dashboard(p) {
        const host = hostSocket(p.url, E2E_HOST_TOKEN);
        hosts.push(host);
        await connected(host);
        const ticks = collectTicks(host);
        const subscribed = await host.emitWithAck('host:subscribe', { eventId: event.id });
        expect(subscribed.ok).toBe(true);
        return ticks;
      },
      async storedSeqs() {
        const client = new pg.Client({ connectionString: schema.url });
        await client.connect();
        try {
          const sql = 'select session_id, last_seq from viewer_sessions where event_id = $1';
          const { rows } = await client.query<{ session_id: string; last_seq: number }>(sql, [event.id]);
          return new Map(rows.map((r) => [r.session_id, Number(r.last_seq)]));
        } finally {
          await client.end();
        }
      },
      teardown,
    };
  } catch (error) {
    await teardown();
    throw error;
  }
}
