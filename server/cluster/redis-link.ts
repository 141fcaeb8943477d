/**
 * @module The connections of one process to Redis: one for commands, one subscribed to the cluster's channels.
 * At start an unreachable Redis is a StartupError naming it (and how to run without it); once running, ioredis
 * reconnects by itself and commands made while Redis is away fail fast instead of queueing without bound.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { reasonOf, StartupError } from '../startup-error.ts';

export type RedisLink = {
  commands: Redis;
  subscriber: Redis;
  /** Key and channel prefix (KANSOKU_REDIS_PREFIX): several clusters, or tests, may share one Redis. */
  prefix: string;
  close(): Promise<void>;
};

/** Where the URL points, without credentials (for messages). */
const where = (url: string): string => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '6379'}`;
};

function connection(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
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
  try {
    await Promise.all([commands.connect(), subscriber.connect()]);
  } catch (error) {
    commands.disconnect();
    subscriber.disconnect();
    throw new StartupError(
      `cannot reach Redis at ${where(url)} (REDIS_URL): ${reasonOf(error)}; start Redis, or unset REDIS_URL to run one process on its own`,
    );
  }
  return {
    commands,
    subscriber,
    prefix,
    async close() {
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
    },
  };
}
