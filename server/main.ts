/** @module Process entry: the only file that touches the real world (env, disk, ports, signals). */
import { isPrimary, runPrimary, stopWithPrimary, workerCount } from './cluster/workers.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { resolveHostToken } from './host-token.ts';
import { resolveTicketKey } from './admission/ticket-key.ts';
import { startServer } from './start-server.ts';
import { startupLine } from './startup-error.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const workers = workerCount(config);
  if (workers > 1 && isPrimary()) {
    // Made once here, read by every worker from the data dir.
    const { token, generated } = resolveHostToken(config.hostToken, config.dataDir);
    resolveTicketKey(config.ticketKey, config.dataDir);
    console.log(`Kansoku starting ${workers} processes on port ${config.port} (KANSOKU_WORKERS)`);
    if (generated) console.log(`Host token (generated, kept in ${config.dataDir}/host-token; shown once): ${token}`);
    return runPrimary(workers, logger);
  }
  const server = await startServer(config, logger);
  console.log(`Kansoku ${server.version} listening on ${server.url}  (dashboard: ${server.url}/)`);
  if (server.tokenGenerated)
    console.log(`Host token (generated, kept in ${config.dataDir}/host-token; shown once): ${server.hostToken}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  stopWithPrimary(() => void stop('primary gone'));
}

// One readable line (what failed, where, which setting), no stack: start-up failures are the operator's to fix.
main().catch((error: unknown) => {
  // A ConfigError lists each variable on its own line; joined with '; ' it stays one line.
  const line =
    error instanceof ConfigError ? error.message.replace(/:\n\s+/, ': ').replace(/\n\s+/g, '; ') : startupLine(error);
  console.error(`kansoku: ${line}`);
  process.exit(1);
});
