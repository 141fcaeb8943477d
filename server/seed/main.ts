/**
 * @module `npm run seed-event -- --viewers N --minutes M [--seed S]`: writes a finished synthetic event into the
 * configured storage (SQLite in KANSOKU_DATA_DIR, or DATABASE_URL) and prints its id on the last line.
 */
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { parseFlags } from '../simulator/cli-flags.ts';
import { seedEvent } from './seed-event.ts';

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), {
    viewers: { default: 200, min: 1, max: 100_000 },
    minutes: { default: 30, min: 1, max: 600 },
    seed: { default: 1, min: 0, max: 2 ** 31 },
  });
  const config = loadConfig(process.env);
  const storage = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const started = Date.now();
  // Ended an hour ago, on a whole minute.
  const startMs = Math.floor((started - 3_600_000 - flags.minutes * 60_000) / 60_000) * 60_000;
  let reported = 0;
  try {
    const id = await seedEvent(storage, {
      ...flags,
      startMs,
      onProgress: (done) => {
        if (done - reported >= 1_000 || done === flags.viewers) {
          reported = done;
          console.error(`${done}/${flags.viewers} sessions written (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      },
    });
    console.error(`seeded on ${storage.dialect} in ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(id);
  } finally {
    await storage.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
