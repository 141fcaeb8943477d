/**
 * Backpressure through the real transport: while the server's event loop is held up (the test blocks it, as an
 * overload would), the cadence in the acks stretches beyond the audience rule. Stepping back down takes a healthy
 * half-minute by design; that part is unit-tested (tests/unit/server/viewers/cadence.test.ts).
 */
import { expect, it } from 'vitest';
import type { Result } from '../../../shared/result.ts';
import type { FullStatsAck } from '../../../shared/events.ts';
import { av1Sample, waitFor } from '../../helpers/clients.ts';
import { serverPerTest } from '../../helpers/server-per-test.ts';

const rig = serverPerTest();

/** Holds the event loop for `ms` every 50 ms until stopped: a server too busy to keep up. */
function holdTheLoop(ms: number): () => void {
  const timer = setInterval(() => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      // busy: nothing else runs
    }
  }, 50);
  return () => clearInterval(timer);
}

it('asks viewers to send less often while the server is overloaded', async () => {
  const event = await rig.server.createEvent({ phase: 'live' });
  const viewer = await rig.pool.viewer(rig.server.url, { eventId: event.id, sessionId: 'cadence-viewer-1' });
  let seq = 0;
  // A second apart in the samples' own time, as a browser sends them: sent faster than that (this test sends every
  // ~50 ms), the counters would be implausible against the stored sample (shared/plausibility.ts) and refused.
  const start = Date.now();
  const send = async (): Promise<number> => {
    seq += 1;
    const ack = (await viewer.emitWithAck('viewer:stats', {
      samples: [av1Sample(seq, start + seq * 1_000)],
    })) as Result<FullStatsAck>;
    if (!ack.ok) throw new Error(`refused: ${ack.error}`);
    return ack.data.sendIntervalMs;
  };
  expect(await send()).toBe(2_000);

  const release = holdTheLoop(300);
  try {
    const stretched = await waitFor(
      async () => {
        const ms = await send();
        return ms > 2_000 ? ms : undefined;
      },
      60_000,
      'a longer cadence under load',
    );
    expect(stretched).toBe(4_000);
  } finally {
    release();
  }
});
