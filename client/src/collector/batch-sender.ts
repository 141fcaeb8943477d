/**
 * @module Sends buffered samples as `viewer:stats` batches: one in flight, cadence set by the server, resume after a
 * reconnect, and a jittered exponential backoff after repeated failed acks.
 */
import type { StatsAck, ViewerWelcome } from '../../../shared/events.ts';
import {
  DEFAULT_SEND_INTERVAL_MS,
  MAX_SAMPLES_PER_BATCH,
  MAX_SEND_INTERVAL_MS,
  MIN_SEND_INTERVAL_MS,
} from '../../../shared/limits.ts';
import type { CollectorSocket, Timers } from './ports.ts';
import { ACK_TIMEOUT_MS, waitForAck } from './ports.ts';
import type { SampleBuffer } from './sample-buffer.ts';

export type BatchSenderOptions = {
  socket: CollectorSocket;
  buffer: SampleBuffer;
  timers: Timers;
  ackTimeoutMs?: number;
  /** Called when the server asks for a different cadence, so the caller can move its next tick. */
  onIntervalChange?: (ms: number) => void;
  /**
   * Called once, on this sender's first welcome, when the server already stored samples of this session (the
   * page was reloaded with the same session id): new seqs must continue after `lastSeq`, so the caller moves its
   * counter by `offset` — the buffer is renumbered already — instead of having them dropped as duplicates.
   */
  onResume?: (offset: number) => void;
  /** Clock and randomness of the backoff after repeated failed acks (injected by tests). */
  now?: () => number;
  random?: () => number;
};

export type SenderCounters = {
  /** `viewer:stats` messages emitted. */
  batches: number;
  /** Samples the server acknowledged as stored. */
  acked: number;
  /** Samples dropped because the server refused their batch as `invalid-payload`. */
  rejected: number;
  /** Hellos and batches that got an error ack (other than invalid-payload) or no ack in time; they are retried. */
  failedAcks: number;
};

/** A cadence requested by the server, kept within the shared bounds. */
export function clampInterval(ms: number): number {
  return Number.isFinite(ms)
    ? Math.min(MAX_SEND_INTERVAL_MS, Math.max(MIN_SEND_INTERVAL_MS, Math.round(ms)))
    : DEFAULT_SEND_INTERVAL_MS;
}

export class BatchSender {
  readonly counters: SenderCounters = { batches: 0, acked: 0, rejected: 0, failedAcks: 0 };
  readonly #socket: CollectorSocket;
  readonly #buffer: SampleBuffer;
  readonly #timers: Timers;
  readonly #ackTimeoutMs: number;
  readonly #onIntervalChange: (ms: number) => void;
  readonly #onResume: (offset: number) => void;
  /** True once any hello was answered: later hellos are reconnects of this same page. */
  #everWelcomed = false;
  #intervalMs = DEFAULT_SEND_INTERVAL_MS;
  /** Bumped on every connect and disconnect: an ack from an older connection may still trim the buffer, nothing more. */
  #epoch = 0;
  #welcomed = false;
  #helloPending = false;
  #batchPending = false;
  /** After a hello: send the backlog back to back (one in flight) until it is empty. */
  #draining = false;
  readonly #now: () => number;
  readonly #random: () => number;
  /** Failed acks in a row; from the second on, sending waits out an exponential, jittered backoff until `#notBefore`. */
  #failStreak = 0;
  #notBefore = 0;

  constructor(options: BatchSenderOptions) {
    this.#socket = options.socket;
    this.#buffer = options.buffer;
    this.#timers = options.timers;
    this.#ackTimeoutMs = options.ackTimeoutMs ?? ACK_TIMEOUT_MS;
    this.#onIntervalChange = options.onIntervalChange ?? (() => {});
    this.#onResume = options.onResume ?? (() => {});
    this.#now = options.now ?? (() => Date.now());
    this.#random = options.random ?? Math.random;
  }

  /** The cadence the server asked for last (clamped). */
  get intervalMs(): number {
    return this.#intervalMs;
  }

  get inFlight(): boolean {
    return this.#batchPending;
  }

  /** On (re)connect: say hello, then resend what the server does not have yet. */
  connected(): void {
    this.#reset();
    void this.#hello();
  }

  /** On disconnect: whatever was in flight is forgotten; its samples stay buffered until a hello says otherwise. */
  disconnected(): void {
    this.#reset();
  }

  /** The periodic send: a hello first if none was answered on this connection, then one batch unless one is in flight. */
  tick(): void {
    if (!this.#socket.connected || this.#now() < this.#notBefore) return;
    if (!this.#welcomed) {
      if (!this.#helloPending) void this.#hello();
      return;
    }
    if (!this.#batchPending) void this.#sendBatch();
  }

  #setInterval(requested: number): void {
    const ms = clampInterval(requested);
    if (ms === this.#intervalMs) return;
    this.#intervalMs = ms;
    this.#onIntervalChange(ms);
  }

  /**
   * An ack failed (timeout, unavailable, rate-limited…). The first failure is retried at the next tick; each further
   * one in a row doubles the wait (from the cadence, at most MAX_SEND_INTERVAL_MS), spread ±50 % so that thousands of
   * pages do not come back in step — an overloaded server gets room, not the whole audience's backlog at once.
   */
  #failed(): void {
    this.counters.failedAcks += 1;
    this.#failStreak += 1;
    if (this.#failStreak < 2) return;
    const wait = Math.min(MAX_SEND_INTERVAL_MS, this.#intervalMs * 2 ** (this.#failStreak - 1));
    this.#notBefore = this.#now() + wait * (0.5 + this.#random());
  }

  #succeeded(): void {
    this.#failStreak = 0;
    this.#notBefore = 0;
  }

  #reset(): void {
    this.#epoch += 1;
    this.#welcomed = false;
    this.#helloPending = false;
    this.#batchPending = false;
    this.#draining = false;
  }

  async #hello(): Promise<void> {
    const epoch = this.#epoch;
    this.#helloPending = true;
    // Compact acks: a bare ackSeq while the cadence stays the same (a server that predates them answers in full).
    const result = await waitForAck<ViewerWelcome>(this.#timers, this.#ackTimeoutMs, (ack) =>
      this.#socket.emit('viewer:hello', { acks: 'compact' }, ack),
    );
    if (epoch !== this.#epoch) return;
    this.#helloPending = false;
    if (!result?.ok) {
      this.#failed(); // a later tick says hello again
      return;
    }
    this.#succeeded();
    this.#welcomed = true;
    this.#setInterval(result.data.sendIntervalMs);
    if (!this.#everWelcomed && result.data.lastSeq > 0) {
      this.#buffer.renumber(result.data.lastSeq);
      this.#onResume(result.data.lastSeq);
    }
    this.#everWelcomed = true;
    this.counters.acked += this.#buffer.ack(result.data.lastSeq);
    this.#draining = true;
    void this.#sendBatch();
  }

  async #sendBatch(): Promise<void> {
    const samples = this.#buffer.pending(MAX_SAMPLES_PER_BATCH);
    const last = samples.at(-1);
    if (!last) {
      this.#draining = false;
      return;
    }
    const epoch = this.#epoch;
    this.#batchPending = true;
    this.counters.batches += 1;
    const result = await waitForAck<StatsAck>(this.#timers, this.#ackTimeoutMs, (ack) =>
      this.#socket.emit('viewer:stats', { samples }, ack),
    );
    const data = result?.ok ? result.data : null;
    // What the server stored is stored, even if the ack comes from a connection that has since dropped.
    const removed = data === null ? 0 : this.#buffer.ack(typeof data === 'number' ? data : data.ackSeq);
    this.counters.acked += removed;
    if (epoch !== this.#epoch) return;
    this.#batchPending = false;
    if (result?.ok) {
      this.#succeeded();
      if (typeof result.data !== 'number') this.#setInterval(result.data.sendIntervalMs);
      // Keep draining only while acks make progress, so a server that never advances cannot cause a send loop.
      if (this.#draining && removed > 0) void this.#sendBatch();
      else this.#draining = false;
    } else if (result?.error === 'invalid-payload') {
      // Resending the same samples would be refused again and block the queue: drop exactly this batch.
      this.counters.rejected += this.#buffer.ack(last.seq);
      if (this.#draining) void this.#sendBatch();
    } else {
      this.#failed(); // timeout, unavailable, rate-limited…: retried after the backoff
      this.#draining = false;
    }
  }
}
