/**
 * @module The collector's publisher mode: polls the sending peer connection's getStats every second, buffers the
 * samples and sends them as `publisher:sample` over an authenticated host socket, one batch in flight; an ack means
 * stored, and carries the upload status the host sees (handed to `onStatus`, for the publisher page's own display).
 * `stop()` sends what is left with `end: true`, so the dashboard shows "stopped" rather than a stall.
 */
import type { HostClientEvents } from '../../../shared/events.ts';
import {
  MAX_PUBLISHER_SAMPLES_PER_BATCH,
  MAX_SEND_INTERVAL_MS,
  POLL_INTERVAL_MS,
  PUBLISHER_BUFFER_CAPACITY,
  PUBLISHER_SEND_INTERVAL_MS,
} from '../../../shared/limits.ts';
import type { PublisherSample } from '../../../shared/publisher-sample.ts';
import type { PublisherAck, PublisherStatus } from '../../../shared/publisher-status.ts';
import type { Failure } from '../../../shared/result.ts';
import { ACK_TIMEOUT_MS, globalTimers, waitForAck, type Timers } from './ports.ts';
import { SampleBuffer } from './sample-buffer.ts';
import type { StatsReportLike } from './stats-fields.ts';
import { summarizeOutbound } from './summarize-outbound.ts';

/** The part of a `/host` socket.io client the publisher collector uses; tests pass a fake. */
export type PublisherSocket = {
  readonly connected: boolean;
  on(event: 'connect' | 'disconnect', listener: () => void): unknown;
  off(event: 'connect' | 'disconnect', listener: () => void): unknown;
  emit(event: 'publisher:sample', ...args: Parameters<HostClientEvents['publisher:sample']>): unknown;
};

export type PublisherCollectorOptions = {
  /** `pc.getStats()` of the sending connection; null (no peer connection now) or a throw skips that poll. */
  getStats: () => Promise<StatsReportLike | null>;
  peerState: () => string;
  socket: PublisherSocket;
  eventId: string;
  /** This collector's id (`PublisherIdSchema`): one per attach. */
  publisherId: string;
  /** The frame rate the page asked the capture for, if it set one. */
  targetFps?: number;
  onStatus?: (status: PublisherStatus) => void;
  /** The server refused a batch (other than for a full buffer of resends): for the page to show. */
  onRefused?: (failure: Failure) => void;
  timers?: Timers;
  now?: () => number;
  bufferCapacity?: number;
  ackTimeoutMs?: number;
};

export type PublisherCollectorStats = {
  seq: number;
  buffered: number;
  dropped: number;
  acked: number;
  rejected: number;
  failedAcks: number;
  skippedPolls: number;
};

export type PublisherCollector = {
  start(): void;
  /** Stops polling and sends the rest with `end: true` (waits for that ack, or its timeout). */
  stop(): Promise<void>;
  stats(): PublisherCollectorStats;
};

export function createPublisherCollector(options: PublisherCollectorOptions): PublisherCollector {
  const { socket } = options;
  const timers = options.timers ?? globalTimers();
  const now = options.now ?? (() => Date.now());
  const ackTimeoutMs = options.ackTimeoutMs ?? ACK_TIMEOUT_MS;
  const buffer = new SampleBuffer<PublisherSample>(options.bufferCapacity ?? PUBLISHER_BUFFER_CAPACITY);
  const counters = { acked: 0, rejected: 0, failedAcks: 0, skippedPolls: 0 };
  let seq = 0;
  let latest: PublisherSample | null = null;
  let running = false;
  let polling = false;
  let inFlight: Promise<void> | null = null;
  let failStreak = 0;
  let notBefore = 0;
  let pollTimer: unknown;
  let sendTimer: unknown;

  async function poll(): Promise<void> {
    if (polling) return void (counters.skippedPolls += 1);
    polling = true;
    try {
      const report = await options.getStats();
      if (!running) return;
      if (!report) return void (counters.skippedPolls += 1);
      seq += 1;
      latest = summarizeOutbound(report, seq, { state: options.peerState(), now: now(), targetFps: options.targetFps });
      buffer.push(latest);
    } catch {
      counters.skippedPolls += 1; // the connection closed or was replaced; the next poll tries again
    } finally {
      polling = false;
    }
  }

  /** Sends the oldest buffered samples (or, to say `end`, the newest one again) and handles the ack. */
  async function send(end: boolean): Promise<void> {
    const pending = buffer.pending(MAX_PUBLISHER_SAMPLES_PER_BATCH);
    const samples = pending.length > 0 ? pending : end && latest ? [latest] : [];
    const last = samples[samples.length - 1];
    if (!last) return;
    const batch = { eventId: options.eventId, pid: options.publisherId, samples, ...(end ? { end: true } : {}) };
    const result = await waitForAck<PublisherAck>(timers, ackTimeoutMs, (ack) =>
      socket.emit('publisher:sample', batch, ack),
    );
    if (result?.ok) {
      failStreak = 0;
      notBefore = 0;
      counters.acked += buffer.ack(result.data.ackSeq);
      options.onStatus?.(result.data.status);
      return;
    }
    if (result?.error === 'invalid-payload')
      counters.rejected += buffer.ack(last.seq); // resending would fail again
    else {
      // Timeout, unavailable, rate-limited: kept and retried, waiting longer after each failure in a row.
      counters.failedAcks += 1;
      failStreak += 1;
      notBefore = now() + Math.min(MAX_SEND_INTERVAL_MS, PUBLISHER_SEND_INTERVAL_MS * 2 ** failStreak);
    }
    if (result && !result.ok) options.onRefused?.(result);
  }

  function tick(): void {
    if (!running || inFlight || !socket.connected || now() < notBefore || buffer.size === 0) return;
    inFlight = send(false).finally(() => (inFlight = null));
  }

  const onConnect = () => {
    notBefore = 0;
    tick();
  };

  return {
    start() {
      if (running) return;
      running = true;
      socket.on('connect', onConnect);
      pollTimer = timers.setInterval(() => void poll(), POLL_INTERVAL_MS);
      sendTimer = timers.setInterval(tick, PUBLISHER_SEND_INTERVAL_MS);
      void poll();
    },
    async stop() {
      if (!running) return;
      running = false;
      timers.clearInterval(pollTimer);
      timers.clearInterval(sendTimer);
      socket.off('connect', onConnect);
      await inFlight;
      if (socket.connected) await send(true);
    },
    stats: () => ({ seq, buffered: buffer.size, dropped: buffer.dropped, ...counters }),
  };
}
