/** @module Collector cadence, acks, reconnect resend and overflow, driven by a fake clock and a fake socket. */
import { describe, expect, it } from 'vitest';
import { SAMPLE_BUFFER_CAPACITY } from '../../../../shared/limits.ts';
import { contiguous, harness } from './collector-harness.ts';

describe('collector: sending samples', () => {
  it('says hello on connect, then sends a batch every 2 s with the 2 samples polled since the last one', async () => {
    const { clock, socket, collector, since } = harness();
    collector.start();
    await clock.advance(10_600);
    expect(socket.emitted[0]?.event).toBe('viewer:hello');
    const batches = socket.of('viewer:stats');
    expect(batches.map((b) => since(b.at))).toEqual([2_500, 4_500, 6_500, 8_500, 10_500]);
    expect(batches.map((b) => b.payload.samples.map((s) => s.seq))).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10],
    ]);
    expect(batches[0]?.payload.samples[0]).toMatchObject({
      seq: 1,
      st: 'connected',
      vis: 'v',
      vi: { ss: 1, by: 1_000 },
    });
    expect(collector.stats()).toMatchObject({ seq: 10, buffered: 0, acked: 10, inFlight: false });
  });

  it('obeys the cadence the server puts in each ack, clamped to the shared bounds', async () => {
    const { clock, socket, server, collector, since } = harness();
    collector.start();
    await clock.advance(4_600); // two batches at the default 2 s
    server.intervalMs = 5_000;
    await clock.advance(12_000);
    const batches = socket.of('viewer:stats');
    expect(batches.map((b) => since(b.at))).toEqual([2_500, 4_500, 6_500, 11_500, 16_500]);
    expect(batches.map((b) => b.payload.samples.length)).toEqual([2, 2, 2, 5, 5]);

    server.intervalMs = 50;
    await clock.advance(5_000);
    expect(collector.stats().sendIntervalMs).toBe(1_000);
    server.intervalMs = 3_600_000;
    await clock.advance(1_000);
    expect(collector.stats().sendIntervalMs).toBe(30_000);
  });

  it('keeps one batch in flight: a lost ack blocks new batches until the 10 s ack timeout, then resends', async () => {
    const { clock, socket, collector, since } = harness();
    const answer = socket.responders['viewer:stats'];
    let calls = 0;
    socket.responders['viewer:stats'] = (batch) => (++calls === 1 ? undefined : answer?.(batch));
    collector.start();
    await clock.advance(12_000);
    expect(socket.of('viewer:stats')).toHaveLength(1);
    expect(collector.stats().inFlight).toBe(true);
    await clock.advance(600);
    const [lost, retry] = socket.of('viewer:stats');
    expect(since(retry?.at ?? 0)).toBe(12_500);
    expect(lost?.payload.samples.map((s) => s.seq)).toEqual([1, 2]);
    expect(retry?.payload.samples.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(collector.stats()).toMatchObject({ failedAcks: 1, buffered: 0 });
  });

  it('backs off exponentially while the server keeps failing acks, and sends at the cadence again once it answers', async () => {
    const { clock, socket, collector, since } = harness();
    const answer = socket.responders['viewer:stats'];
    let failing = true;
    socket.responders['viewer:stats'] = (batch) => (failing ? { ok: false, error: 'unavailable' } : answer?.(batch));
    collector.start();
    await clock.advance(40_000);
    // 2 s cadence: the 1st failure retries at the next tick, then waits 4 s, 8 s, 16 s (jitter ×1 here).
    const at = socket.of('viewer:stats').map((m) => since(m.at));
    expect(at.slice(0, 4)).toEqual([2_500, 4_500, 8_500, 16_500]);
    expect(at.length).toBeLessThan(8);
    failing = false;
    await clock.advance(40_000);
    expect(collector.stats().buffered).toBeLessThanOrEqual(2); // caught up: only what was polled since the last send
    const after = socket
      .of('viewer:stats')
      .map((m) => since(m.at))
      .slice(-4);
    expect(after.slice(1).map((t, i) => t - (after[i] as number))).toEqual([2_000, 2_000, 2_000]);
  });

  it('drops a batch refused as invalid-payload, counts it, and carries on with the next samples', async () => {
    const { clock, socket, collector } = harness();
    const answer = socket.responders['viewer:stats'];
    socket.responders['viewer:stats'] = (batch) =>
      batch.samples[0]?.seq === 1 ? { ok: false, error: 'invalid-payload' } : answer?.(batch);
    collector.start();
    await clock.advance(4_600);
    expect(socket.sentSeqs()).toEqual([1, 2, 3, 4]);
    expect(collector.stats()).toMatchObject({ rejected: 2, acked: 2, buffered: 0 });
  });

  it('skips polls whose getStats throws or finds no peer connection, without crashing or burning seqs', async () => {
    let call = 0;
    const { clock, collector, socket } = harness({
      getStats: async () => {
        call += 1;
        if (call === 1) throw new DOMException('closed', 'InvalidStateError');
        if (call === 2) return null;
        return [
          {
            id: 'IT01A1',
            type: 'inbound-rtp',
            kind: 'audio',
            timestamp: 1,
            ssrc: 5,
            bytesReceived: 1,
            packetsReceived: 1,
            packetsLost: 0,
          },
        ];
      },
    });
    collector.start();
    await clock.advance(4_600);
    expect(collector.stats()).toMatchObject({ seq: 2, skippedPolls: 2 });
    expect(socket.sentSeqs()).toEqual([1, 2]);
  });

  it('stop() clears every timer and sends nothing more', async () => {
    const { clock, socket, collector } = harness();
    collector.start();
    await clock.advance(3_000);
    collector.stop();
    const emitted = socket.emitted.length;
    expect(clock.pending).toBe(0);
    await clock.advance(60_000);
    expect(socket.emitted).toHaveLength(emitted);
  });
});

describe('collector: outages', () => {
  it('loses nothing over a 10 minute outage and resends the backlog in chunks after hello, without duplicates', async () => {
    const { clock, socket, server, collector, since } = harness();
    socket.ackDelayMs = 100;
    collector.start();
    await clock.advance(6_550); // batch 5–6 was emitted at 6 500 and stored, but its ack is lost with the connection
    socket.disconnect();
    const before = socket.emitted.length;
    await clock.advance(600_000);
    expect(socket.emitted).toHaveLength(before);
    expect(collector.stats()).toMatchObject({ seq: 606, buffered: 602, dropped: 0 });

    const reconnectAt = since(clock.now());
    const batchesBefore = socket.of('viewer:stats').length;
    socket.connect();
    await clock.advance(1_500);
    expect(socket.emitted[before]?.event).toBe('viewer:hello');
    const chunks = socket.of('viewer:stats').slice(batchesBefore);
    const chunkSeqs = chunks.map((c) => c.payload.samples.map((s) => s.seq));
    // 600 samples in chunks of 60, then seq 607, polled 450 ms after the reconnect while the drain was running.
    expect(chunkSeqs.map((c) => c.length)).toEqual([60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 1]);
    const resent = chunkSeqs.flat();
    expect(resent[0]).toBe(7); // the server's welcome said lastSeq 6, so 5–6 are not sent again
    expect(resent.at(-1)).toBe(607);
    expect(contiguous(resent)).toBe(true);
    // Back to back, one ack (100 ms) at a time: the whole backlog is out about 1 s after the reconnect.
    expect(chunks.map((c) => since(c.at) - reconnectAt)).toEqual([
      100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000, 1_100,
    ]);
    expect(server.inFlightAtEmit.every((n) => n === 0)).toBe(true);

    await clock.advance(10_000);
    const stored = [...server.stored].sort((a, b) => a - b);
    expect(stored[0]).toBe(1);
    expect(contiguous(stored)).toBe(true);
    expect(stored.at(-1)).toBeGreaterThanOrEqual(collector.stats().seq - 2);
    expect(new Set(server.received).size).toBe(server.received.length);
    expect(socket.emitted.every((m) => m.whileConnected)).toBe(true);
  });

  it('drops the oldest samples when an outage outlasts the buffer, then resends the newest ones', async () => {
    const { clock, socket, server, collector } = harness({ connected: false });
    collector.start();
    await clock.advance(1_000_000); // 1 000 polls into a 900-sample buffer
    expect(collector.stats()).toMatchObject({ seq: 1_000, buffered: SAMPLE_BUFFER_CAPACITY, dropped: 100 });
    expect(socket.emitted).toHaveLength(0);
    socket.connect();
    await clock.advance(400);
    const resent = socket.sentSeqs();
    expect(resent[0]).toBe(101);
    expect(resent.at(-1)).toBe(1_000);
    expect(contiguous(resent)).toBe(true);
    expect(server.stored.has(100)).toBe(false);
  });
});

describe('collector: a reloaded page continuing its session', () => {
  it('continues after the server’s lastSeq instead of having its new samples dropped as duplicates', async () => {
    const { clock, socket, server, collector } = harness({ connected: false });
    for (let seq = 1; seq <= 600; seq++) server.stored.add(seq); // ten minutes stored by the page before the reload
    collector.start();
    await clock.advance(3_000); // polls while the socket is still connecting: seqs 1..3 locally
    socket.connect();
    await clock.advance(4_100);
    const sent = socket.of('viewer:stats').flatMap((b) => b.payload.samples.map((s) => s.seq));
    expect(sent[0]).toBe(601);
    expect(contiguous(sent)).toBe(true);
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(collector.stats().seq - collector.stats().buffered).toBe(sent.at(-1)); // polled later: still in the buffer
    expect(server.received.filter((seq) => seq <= 600)).toEqual([]);
  });

  it('does not renumber on a later reconnect of the same page', async () => {
    const { clock, socket, collector } = harness();
    collector.start();
    await clock.advance(4_600);
    socket.disconnect();
    await clock.advance(3_000);
    socket.connect();
    await clock.advance(2_100);
    const sent = socket.of('viewer:stats').flatMap((b) => b.payload.samples.map((s) => s.seq));
    expect(sent).toEqual(Array.from({ length: sent.length }, (_, i) => i + 1));
  });
});
