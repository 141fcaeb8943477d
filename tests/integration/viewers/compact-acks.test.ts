/**
 * Compact `viewer:stats` acks through the real transport (issue 11): a viewer whose hello asks for them gets the bare
 * ackSeq while its cadence is unchanged; one that does not ask (an older collector) keeps getting the full form.
 */
import { expect, it } from 'vitest';
import type { Result } from '../../../shared/result.ts';
import type { StatsAck, ViewerWelcome } from '../../../shared/events.ts';
import { av1Sample } from '../../helpers/clients.ts';
import { serverPerTest } from '../../helpers/server-per-test.ts';

const rig = serverPerTest();

it('acks with the bare ackSeq after a hello that asks for compact acks, in full otherwise', async () => {
  const event = await rig.server.createEvent({ phase: 'live' });
  const open = async (sessionId: string, hello: Record<string, unknown>) => {
    const socket = await rig.pool.viewer(rig.server.url, { eventId: event.id, sessionId });
    const welcome = (await socket.emitWithAck('viewer:hello', hello)) as Result<ViewerWelcome>;
    expect(welcome).toEqual({ ok: true, data: { lastSeq: 0, sendIntervalMs: 2_000 } });
    let seq = 0;
    // A second apart in the samples' own time, as a browser sends them: sent faster than that, the counters would be
    // implausible against the stored sample (shared/plausibility.ts) and refused.
    const start = Date.now();
    return async (): Promise<StatsAck> => {
      seq += 1;
      const ack = (await socket.emitWithAck('viewer:stats', {
        samples: [av1Sample(seq, start + seq * 1_000)],
      })) as Result<StatsAck>;
      if (!ack.ok) throw new Error(`refused: ${ack.error}`);
      return ack.data;
    };
  };
  const compact = await open('compact-viewer-1', { acks: 'compact' });
  expect([await compact(), await compact()]).toEqual([1, 2]);
  const full = await open('full-viewer-1', {});
  expect(await full()).toEqual({ ackSeq: 1, sendIntervalMs: 2_000 });
});
