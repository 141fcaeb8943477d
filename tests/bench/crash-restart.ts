/**
 * @module The crash in the middle of the measured window: SIGKILL the Kansoku server, take what the viewers saw acked
 * and what its database holds at that moment, and restart it on the same data dir and port (the viewers reconnect,
 * say hello and resend what was not acked, as real collectors do).
 */
import type { LoadFleet } from './load-fleet.ts';
import type { AckedSeqs } from './protocol.ts';
import { startServerProcess, type ServerSpec, type ServerUnderTest } from './server-process.ts';
import { ackedThenLost, storedLastSeq, type AckedLoss } from './store-check.ts';

export type CrashOutcome = {
  /** The restarted server (same URL). */
  server: ServerUnderTest;
  killedAt: number;
  /** The restarted server printed its URL. */
  listeningAt: number;
  /** Acked as the viewers saw it right after the kill vs stored in the file before the restart. */
  atKill: AckedLoss;
  /** Why the file could not be read after the kill (then `atKill` is not a measurement). */
  readError: string | null;
};

export type CrashOptions = {
  server: ServerUnderTest;
  spec: Extract<ServerSpec, { kind: 'kansoku' }>;
  dbFile: string;
  eventId: string;
  fleet: LoadFleet;
  onChild: (server: ServerUnderTest) => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Acks already on the wire when the server died still reach the viewers: wait this long before asking them. */
const SETTLE_MS = 300;

export async function crashAndRestart(o: CrashOptions): Promise<CrashOutcome> {
  const port = Number(new URL(o.server.url).port);
  const killedAt = Date.now();
  await o.server.crash();
  await sleep(SETTLE_MS);
  // No server is listening now, so nothing can be acked until the restart: both sides are read at the same moment.
  const acked: AckedSeqs = await o.fleet.acked();
  let stored = new Map<string, number>();
  let readError: string | null = null;
  try {
    stored = storedLastSeq(o.dbFile, o.eventId);
  } catch (error) {
    readError = error instanceof Error ? error.message : String(error);
  }
  const server = await startServerProcess({ ...o.spec, port });
  o.onChild(server);
  if (server.url !== o.server.url) throw new Error(`restarted server listens on ${server.url}, not ${o.server.url}`);
  return { server, killedAt, listeningAt: Date.now(), atKill: ackedThenLost(acked, stored), readError };
}
