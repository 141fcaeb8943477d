/** @module The collector's publisher mode with a fake clock and socket: cadence, acks, resends, refusals and the end. */
import { describe, expect, it } from 'vitest';
import {
  createPublisherCollector,
  type PublisherSocket,
} from '../../../../client/src/collector/publisher-collector.ts';
import { newPublisherId } from '../../../../client/src/collector/publisher-socket.ts';
import type { PublisherBatch } from '../../../../shared/publisher-sample.ts';
import type { PublisherAck, PublisherStatus } from '../../../../shared/publisher-status.ts';
import type { Result } from '../../../../shared/result.ts';
import { FakeClock } from './fake-clock.ts';

type Sent = { batch: PublisherBatch; ack: (r: Result<PublisherAck>) => void };

class FakePublisherSocket implements PublisherSocket {
  connected = true;
  readonly sent: Sent[] = [];
  /** Answer every batch at once with this (null: hold the ack for the test to give). */
  answer: ((batch: PublisherBatch) => Result<PublisherAck>) | null = (batch) => ({
    ok: true,
    data: { ackSeq: batch.samples.at(-1)?.seq ?? 0, status: status() },
  });
  #listeners = new Set<() => void>();
  on(_event: 'connect' | 'disconnect', listener: () => void) {
    this.#listeners.add(listener);
  }
  off(_event: 'connect' | 'disconnect', listener: () => void) {
    this.#listeners.delete(listener);
  }
  emit(_event: 'publisher:sample', batch: PublisherBatch, ack: (r: Result<PublisherAck>) => void) {
    this.sent.push({ batch, ack });
    if (this.answer) ack(this.answer(batch));
  }
  reconnect() {
    this.connected = true;
    for (const l of this.#listeners) l();
  }
}

const status = (): PublisherStatus => ({
  eventId: 'ev1',
  phase: 'live',
  t: 0,
  state: 'live',
  publishers: 1,
  since: 0,
  lastSampleAt: 0,
  stalledSec: 0,
  band: 'good',
  reasons: [],
  reading: null,
  point: null,
});

function setup() {
  const clock = new FakeClock();
  const socket = new FakePublisherSocket();
  let bytes = 0;
  const statuses: PublisherStatus[] = [];
  const refusals: string[] = [];
  const collector = createPublisherCollector({
    getStats: async () => {
      bytes += 250_000;
      return [
        {
          id: 'o',
          type: 'outbound-rtp',
          kind: 'video',
          ssrc: 1,
          timestamp: clock.now(),
          bytesSent: bytes,
          packetsSent: bytes / 1000,
        },
      ];
    },
    peerState: () => 'connected',
    socket,
    eventId: 'ev1',
    publisherId: 'publisher-test1',
    targetFps: 30,
    timers: clock.timers,
    now: clock.now,
    onStatus: (s) => statuses.push(s),
    onRefused: (f) => refusals.push(f.error),
  });
  return { clock, socket, collector, statuses, refusals };
}

describe('publisher collector', () => {
  it('sends each second’s sample over the host socket and hands the status to the page', async () => {
    const { clock, socket, collector, statuses } = setup();
    collector.start();
    await clock.advance(3_000);
    expect(socket.sent.length).toBeGreaterThanOrEqual(3);
    const first = socket.sent[0]!.batch;
    expect(first).toMatchObject({ eventId: 'ev1', pid: 'publisher-test1' });
    expect(first.samples[0]).toMatchObject({ seq: 1, st: 'connected', tf: 30, vo: { by: 250_000 } });
    expect(statuses.length).toBe(socket.sent.length);
    expect(collector.stats()).toMatchObject({ buffered: 0, failedAcks: 0 });
  });

  it('keeps what was not acked and resends it, backing off after failures', async () => {
    const { clock, socket, collector, refusals } = setup();
    socket.answer = () => ({ ok: false, error: 'unavailable', message: 'storage is full' });
    collector.start();
    await clock.advance(10_000);
    const failedSends = socket.sent.length;
    expect(failedSends).toBeLessThan(10); // 1 s, then 2, 4, 8 s apart
    expect(refusals).toContain('unavailable');
    socket.answer = (batch) => ({ ok: true, data: { ackSeq: batch.samples.at(-1)!.seq, status: status() } });
    await clock.advance(20_000);
    const seqs = socket.sent.slice(failedSends).flatMap((s) => s.batch.samples.map((x) => x.seq));
    expect(seqs.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(collector.stats().buffered).toBe(0);
  });

  it('drops a batch the server refuses as invalid rather than resending it forever', async () => {
    const { clock, socket, collector } = setup();
    socket.answer = () => ({ ok: false, error: 'invalid-payload', field: 'samples.0.t' });
    collector.start();
    await clock.advance(1_500);
    expect(collector.stats()).toMatchObject({ buffered: 0 });
    expect(collector.stats().rejected).toBeGreaterThan(0);
  });

  it('ends with the rest of its samples marked `end`', async () => {
    const { clock, socket, collector } = setup();
    collector.start();
    await clock.advance(2_500);
    await collector.stop();
    const last = socket.sent.at(-1)!.batch;
    expect(last.end).toBe(true);
    expect(last.samples.length).toBeGreaterThan(0);
    const before = socket.sent.length;
    await clock.advance(5_000);
    expect(socket.sent.length).toBe(before);
  });
});

describe('newPublisherId', () => {
  it('is 22 URL-safe characters from 16 random bytes', () => {
    expect(newPublisherId(new Uint8Array(16).fill(255))).toBe('_____________________w');
    expect(newPublisherId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
