/**
 * @module The connections of one process to Redis: one for commands, one subscribed to the cluster's channels, one for
 * the socket.io adapter. At start an unreachable Redis is a StartupError naming it (and how to run without it); once
 * running, ioredis reconnects by itself and commands made while Redis is away fail fast instead of queueing without
 * bound (the adapter's wait for one reconnect attempt).
 */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { reasonOf, StartupError } from '../startup-error.ts';

export type RedisLink = {
  commands: Redis;
  subscriber: Redis;
  /**
   * The socket.io adapter's: it queues commands while Redis is away (at most one reconnect attempt), because the
   * adapter reads its stream in a loop that retries at once on an error, and a fail-fast connection would turn an
   * outage into a loop that never yields to the event loop.
   */
  adapter: Redis;
  /** Key and channel prefix (KANSOKU_REDIS_PREFIX): several clusters, or tests, may share one Redis. */
  prefix: string;
  close(): Promise<void>;
};

/** Where the URL points, without credentials (for messages). */
const where = (url: string): string => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '6379'}`;
};

function connection(url: string, logger: Logger, queue = false): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: queue,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let reported = false; // one line per outage, not one per retry
  redis.on('error', (err: Error) => {
    if (!reported) logger.error({ err: reasonOf(err) }, 'redis connection failed; retrying');
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.info('redis connection back');
    reported = false;
  });
  return redis;
}

export async function openRedis(url: string, prefix: string, logger: Logger): Promise<RedisLink> {
  const commands = connection(url, logger);
  const subscriber = connection(url, logger);
  const adapter = connection(url, logger, true);
  const all = [commands, subscriber, adapter];
  try {
    await Promise.all(all.map((r) => r.connect()));
  } catch (error) {
    for (const r of all) r.disconnect();
    throw new StartupError(
      `cannot reach Redis at ${where(url)} (REDIS_URL): ${reasonOf(error)}; start Redis, or unset REDIS_URL to run one process on its own`,
    );
  }
  return {
    commands,
    subscriber,
    adapter,
    prefix,
    async close() {
      await Promise.allSettled(all.map((r) => r.quit()));
    },
  };
}
