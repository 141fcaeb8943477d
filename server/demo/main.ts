/**
 * @module `npm run demo`: a Kansoku server on its own SQLite file (./data/demo) with one live event and a simulated
 * audience (default 200 viewers; `--viewers N`, `--seed S`) speaking the real viewer protocol, and a simulated
 * broadcaster whose upload degrades now and then (server/simulator/publisher-model.ts). Prints the dashboard
 * URL and the host token; Ctrl-C lets the viewers leave, flushes storage and exits.
 */
import { systemTimers } from '../clock.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { FlagError, parseFlags } from '../simulator/cli-flags.ts';
import { createCrowd } from '../simulator/crowd.ts';
import { startSimPublisher } from '../simulator/sim-publisher.ts';
import { SIM_VIDEO_CODECS } from '../simulator/fixture-profile.ts';
import { viewerSocketFactory } from '../simulator/viewer-socket.ts';
import { ticketMinter } from '../admission/ticket-signer.ts';
import { VIEWER_TICKET_TTL_MS } from '../../shared/limits.ts';
import { startServer } from '../start-server.ts';
import { dashboardPath, demoEvent, postEvent } from './demo-event.ts';

/** Demo defaults, each overridable by the same environment variable as for `npm start`. */
const DEMO_ENV = { HOST: '127.0.0.1', KANSOKU_DATA_DIR: './data/demo', LOG_LEVEL: 'warn' };

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), {
    viewers: { default: 200, min: 0, max: 5_000 },
    seed: { default: 1, min: 0, max: 2 ** 31 },
  });
  const config = loadConfig({ ...DEMO_ENV, ...process.env });
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  const event = await postEvent(server.listenUrl, server.hostToken, demoEvent(new Date()));
  // The crowd receives what the demo event is sent in (AV1); H.265 has no recorded profile, so it falls back to AV1.
  const sent = event.sora?.videoCodecType;
  const demoCodec = SIM_VIDEO_CODECS.find((c) => c === sent) ?? 'AV1';
  const crowd = createCrowd({
    eventId: event.id,
    size: flags.viewers,
    seed: flags.seed,
    codec: demoCodec,
    openSocket: viewerSocketFactory(server.listenUrl),
    sign: ticketMinter(server.app.admission.signer, () => Date.now(), VIEWER_TICKET_TTL_MS),
    timers: systemTimers,
    now: () => Date.now(),
    rampMs: Math.min(60_000, Math.max(5_000, flags.viewers * 50)),
    meanStayMs: 20 * 60_000,
    blipsPerHour: 2,
    dropsPerHour: 1,
    beacon: (beacon) =>
      void fetch(`${server.listenUrl}/api/beacon`, { method: 'POST', body: JSON.stringify(beacon) }).catch(
        () => undefined,
      ),
  });
  crowd.start();
  // The broadcaster's own upload, reported as the publisher page would: healthy, then short of CPU, then congested.
  const publisher = startSimPublisher({
    serverUrl: server.listenUrl,
    hostToken: server.hostToken,
    eventId: event.id,
    seed: flags.seed,
    timers: systemTimers,
    now: () => Date.now(),
  });

  console.log(`
  Kansoku ${server.version} demo — ${flags.viewers} simulated viewers joining "${event.title}"

    Dashboard:   ${server.url}${dashboardPath(event.id)}
    Host token:  ${server.hostToken}
    REST check:  curl -H 'Authorization: Bearer ${server.hostToken}' ${server.url}/api/events/${event.id}/live

  The simulated broadcaster's upload runs a 10-minute loop: healthy, short of CPU at 3:00, congested at 6:40.

  Data in ${config.dataDir}. Ctrl-C stops.
`);
  const status = setInterval(() => {
    const c = crowd.counts();
    console.log(
      `  viewers on the page ${c.present} · watching ${c.watching} · failed ${c.failed} · joined ${c.joined} · left ${c.left}`,
    );
  }, 15_000);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait
    stopping = true;
    clearInterval(status);
    console.log('\n  stopping: viewers leave, storage is flushed …');
    await publisher.stop();
    await crowd.stop();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof FlagError;
  const busy = (error as { code?: string }).code === 'EADDRINUSE';
  console.error(known ? error.message : busy ? `port in use; try PORT=8090 npm run demo (${String(error)})` : error);
  process.exit(1);
});
