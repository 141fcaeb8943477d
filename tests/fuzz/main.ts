/**
 * @module `npm run fuzz [-- --payloads N --seed S]`: the long fuzz run (default 100,000 payloads) against a real
 * server in this process (in-memory SQLite, Sora webhooks on), printing progress and a summary; exits 1 on a problem.
 */
import { parseFlags } from '../../server/simulator/cli-flags.ts';
import { testTicket } from '../helpers/clients.ts';
import { startTestServer, TEST_HOST_TOKEN } from '../helpers/start-test-server.ts';
import { runFuzz } from './fuzz-run.ts';

const SECRET = 'fuzz-webhook-secret-0123456789';
const flags = parseFlags(process.argv.slice(2), {
  payloads: { default: 100_000, min: 1, max: 10_000_000 },
  seed: { default: 20261203, min: 0, max: 2 ** 31 - 1 },
});

/** Anything thrown past the server's own handlers would be a crash; count it instead of dying before the summary. */
let uncaught = 0;
process.on('uncaughtException', (err) => {
  uncaught += 1;
  console.error('uncaught exception:', err);
});
process.on('unhandledRejection', (err) => {
  uncaught += 1;
  console.error('unhandled rejection:', err);
});

const server = await startTestServer('sqlite', { env: { SORA_WEBHOOK_SECRET: SECRET } });
const startedAt = Date.now();
let last = 0;
const summary = await runFuzz(
  {
    url: server.url,
    hostToken: TEST_HOST_TOKEN,
    webhookSecret: SECRET,
    ticketFor: (eventId, sessionId) => testTicket(eventId, sessionId),
  },
  {
    payloads: flags.payloads,
    seed: flags.seed,
    onProgress: (sent) => {
      if (sent - last < 5_000 && sent < flags.payloads) return;
      last = sent;
      const { rss, heapUsed } = process.memoryUsage();
      const mb = (bytes: number) => Math.round(bytes / 1_048_576);
      console.log(
        `${sent.toLocaleString('en')} payloads, ${Math.round((Date.now() - startedAt) / 1000)} s, RSS ${mb(rss)} MB, heap ${mb(heapUsed)} MB`,
      );
    },
  },
);
await server.close();
const crashes = uncaught + (summary.crashed ? 1 : 0);
console.log(JSON.stringify({ ...summary, uncaught }, null, 2));
console.log(
  `fuzz: ${summary.payloads.toLocaleString('en')} payloads in ${Math.round(summary.durationMs / 1000)} s (seed ${flags.seed}), ` +
    `${crashes} crashes, ${summary.problems.count} problems, ${summary.ticks.seen} ticks checked (${summary.ticks.insane} insane), ` +
    `RSS ${summary.memory.rssStartMb} → peak ${summary.memory.rssPeakMb} → end ${summary.memory.rssEndMb} MB, heap ${summary.memory.heapStartMb} → ${summary.memory.heapEndMb} MB`,
);
process.exit(crashes + summary.problems.count + summary.ticks.insane === 0 ? 0 : 1);
