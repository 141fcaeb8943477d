/**
 * @module Starts a Kansoku server from a Config: opens storage, resolves the host token, builds the app and
 * listens. Shared by the process entries (server/main.ts, server/demo/main.ts) so they compose it one way.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from './app.ts';
import { systemClock, systemTimers } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase, type Storage } from './db/database.ts';
import { openRedis } from './cluster/redis-link.ts';
import { resolveHostToken } from './host-token.ts';
import { resolveTicketKey } from './admission/ticket-key.ts';
import type { Logger } from './logger.ts';
import { listenFailure, reasonOf, StartupError } from './startup-error.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export type RunningServer = {
  /** Where clients reach it: KANSOKU_PUBLIC_URL, else `listenUrl`. */
  url: string;
  /** The bound address, for clients on this machine (0.0.0.0 and :: shown as 127.0.0.1). */
  listenUrl: string;
  version: string;
  hostToken: string;
  /** The token was made now (and written to the data dir); print it once. */
  tokenGenerated: boolean;
  storage: Storage;
  app: App;
  /** Stops the app (live state is flushed to storage), then closes storage. */
  close(): Promise<void>;
};

/** Runs a read or write of the data dir; a failure becomes one line naming the directory. */
function inDataDir<T>(dataDir: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new StartupError(
      `cannot write the data directory ${resolve(dataDir)}: ${reasonOf(error)}; set KANSOKU_DATA_DIR to a directory this user can write`,
    );
  }
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;
  const storage = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onPoolError: (err) => logger.error({ err }, 'database pool error'),
  });
  const { token, generated } = inDataDir(config.dataDir, () => resolveHostToken(config.hostToken, config.dataDir));
  const ticketKey = resolveTicketKey(config.ticketKey, config.dataDir);
  const redis = config.redisUrl
    ? await openRedis(config.redisUrl, config.redisPrefix, logger).catch(async (error: unknown) => {
        await storage.close();
        throw error;
      })
    : undefined;
  const instance = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const app = await createApp({
    storage,
    logger,
    clock: systemClock,
    timers: systemTimers,
    hostToken: token,
    version,
    clientDir: `${root}dist/client`,
    config,
    ticketKey,
    cluster: redis && { redis, instance },
  });
  const address = await app.listen(config.port, config.host).catch(async (error: unknown) => {
    await storage.close(); // e.g. EADDRINUSE: nothing was served, so nothing needs flushing
    await redis?.close();
    throw listenFailure(error, config.host, config.port);
  });
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  const listenUrl = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  const url = config.publicUrl ?? listenUrl;
  logger.info({ url, database: storage.dialect, version, ...(redis && { instance }) }, 'kansoku listening');
  return {
    url,
    listenUrl,
    version,
    hostToken: token,
    tokenGenerated: generated,
    storage,
    app,
    async close() {
      await app.close();
      await storage.close();
      await redis?.close();
    },
  };
}
