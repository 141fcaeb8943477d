/** @module Test harness: a collector wired to a fake clock, a fake socket and a fake server that stores samples by seq. */
import { type CollectorOptions, createCollector } from '../../../../client/src/collector/collector.ts';
import type { StatsReportLike } from '../../../../client/src/collector/summarize-stats.ts';
import { FakeClock } from './fake-clock.ts';
import { FakeSocket } from './fake-socket.ts';

/** What the harness's collector presents as its viewer ticket (the server is not involved here). */
export const TEST_TICKET = 'v1.ev-1.session-0001.9999999999.test';

export type HarnessOptions = Partial<Pick<CollectorOptions, 'getStats' | 'bufferCapacity'>> & {
  connected?: boolean;
  /** What the fake beacon returns (navigator.sendBeacon returns false when it cannot queue). */
  beaconAccepts?: boolean;
};

export function harness(options: HarnessOptions = {}) {
  const clock = new FakeClock();
  const socket = new FakeSocket(clock);
  /** The fake server: stored seqs, every seq it ever received (to spot duplicates), and the cadence it asks for. */
  const server = {
    stored: new Set<number>(),
    received: [] as number[],
    intervalMs: 2_000,
    inFlightAtEmit: [] as number[],
  };
  const lastStored = (): number => Math.max(0, ...server.stored);
  socket.responders = {
    'viewer:hello': () => ({ ok: true, data: { lastSeq: lastStored(), sendIntervalMs: server.intervalMs } }),
    'viewer:stats': ({ samples }) => {
      // Acks still on their way for an earlier batch: the collector must never have two batches out.
      server.inFlightAtEmit.push(socket.awaitingAck);
      for (const s of samples) {
        server.received.push(s.seq);
        server.stored.add(s.seq);
      }
      return { ok: true, data: { ackSeq: lastStored(), sendIntervalMs: server.intervalMs } };
    },
    'viewer:funnel': () => ({ ok: true, data: null }),
    'viewer:failure': () => ({ ok: true, data: null }),
    'viewer:preflight': () => ({ ok: true, data: null }),
    'viewer:sfu-count': () => ({ ok: true, data: null }),
  };
  let polls = 0;
  const report = async (): Promise<StatsReportLike> => {
    polls += 1;
    const inbound = {
      id: 'IT01V1',
      type: 'inbound-rtp',
      kind: 'video',
      timestamp: clock.now(),
      ssrc: 1,
      bytesReceived: 1_000 * polls,
      packetsReceived: polls,
      packetsLost: 0,
    };
    return [inbound];
  };
  const beacons: { url: string; body: unknown }[] = [];
  const collector = createCollector({
    getStats: options.getStats ?? report,
    peerState: () => 'connected',
    socket,
    eventId: 'ev-1',
    credentials: () => ({ sessionId: 'session-0001', ticket: TEST_TICKET }),
    timers: clock.timers,
    now: clock.now,
    visibility: () => 'v',
    beacon: (url, body) => {
      if (options.beaconAccepts === false) return false;
      beacons.push({ url, body: JSON.parse(body) });
      return true;
    },
    beaconUrl: 'https://kansoku.test/api/beacon',
    bufferCapacity: options.bufferCapacity,
    random: () => 0.5, // backoff jitter ×1
  });
  if (options.connected ?? true) socket.connected = true;
  const start = clock.now();
  /** Fake-clock time relative to the harness start. */
  const since = (at: number): number => at - start;
  return { clock, socket, server, collector, beacons, since };
}

/** True when `xs` is strictly increasing by one. */
export const contiguous = (xs: number[]): boolean => xs.every((x, i) => i === 0 || x === (xs[i - 1] as number) + 1);
