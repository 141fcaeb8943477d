/** @module Process entry: the only file that touches the real world (env, disk, ports, signals). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { systemClock, systemTimers } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { resolveHostToken } from './host-token.ts';
import { createLogger } from './logger.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;
  const storage = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onPoolError: (err) => logger.error({ err }, 'database pool error'),
  });
  const { token, generated } = resolveHostToken(config.hostToken, config.dataDir);
  const app = await createApp({ storage, logger, clock: systemClock, timers: systemTimers, hostToken: token, version, clientDir: `${root}dist/client` });
  const address = await app.listen(config.port, config.host);
  const url = config.publicUrl ?? `http://${address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address}:${address.port}`;
  logger.info({ url, database: storage.dialect, version }, 'kansoku listening');
  console.log(`Kansoku ${version} listening on ${url}  (dashboard: ${url}/)`);
  if (generated) console.log(`Host token (generated, kept in ${config.dataDir}/host-token; shown once): ${token}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await storage.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
