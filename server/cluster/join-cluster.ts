/**
 * @module The composition root's cluster part (REDIS_URL set): the socket.io adapter that carries room messages
 * between processes, and this process joined to the cluster with its ports wired to the app's parts — ticks to
 * storage and to this process's dashboards, event changes and host logouts announced and heard.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createCluster, type Cluster, type ClusterDeps } from './cluster.ts';
import { createOrphans } from './orphans.ts';
import { createRecordReader } from './record-totals.ts';
import type { RedisLink } from './redis-link.ts';

/** Whatever is sent to a room (failures, questions, event changes) reaches every process's sockets. */
export const clusterAdapter = (redis: RedisLink): Pick<ServerOptions, 'adapter'> => ({
  adapter: createAdapter(redis.adapter, {
    streamName: `${redis.prefix}socket.io`,
    sessionKeyPrefix: `${redis.prefix}sio:session:`,
  }),
});

export type JoinDeps = Pick<
  ClusterDeps,
  'catalog' | 'live' | 'queries' | 'clock' | 'timers' | 'logger' | 'store' | 'published' | 'deliver'
> & {
  link: { redis: RedisLink; instance: string };
  db: Kysely<DB>;
  /** A host login ended on another process. */
  revoke(sessionId: string): void;
};

/** Joins the cluster (announcing this process's event changes to the others). */
export async function joinCluster(deps: JoinDeps): Promise<Cluster> {
  const { catalog, logger } = deps;
  const cluster = await createCluster({
    ...deps.link,
    catalog,
    live: deps.live,
    queries: deps.queries,
    record: createRecordReader(deps.db, deps.queries),
    orphans: createOrphans({ ...deps.link, db: deps.db, clock: deps.clock, logger }),
    clock: deps.clock,
    timers: deps.timers,
    logger,
    store: deps.store,
    published: deps.published,
    deliver: deps.deliver,
    eventChanged: (eventId) =>
      void catalog.reload(eventId).catch((err: unknown) => logger.error({ err, eventId }, 'reloading an event failed')),
    sessionEnded: deps.revoke,
  });
  catalog.onChange((event, remote) => remote || cluster.announce(event.id));
  return cluster;
}
