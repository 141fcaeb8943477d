/**
 * @module Sora's viewer count from `notify` messages, forwarded to Kansoku at most every `intervalMs` (latest value
 * wins): in a big audience every join notifies every viewer, and N viewers × N joins must not become N² messages.
 */
import type { SignalingNotifyMessage } from 'sora-js-sdk';
import type { SfuCount } from '../../../../shared/events.ts';
import type { Timers } from '../../../../shared/timers.ts';

const COUNTED = new Set(['connection.created', 'connection.updated', 'connection.destroyed']);

/** The recvonly count in a connection notify, timed by Sora's timestamp when it has one (never later than `now`). */
export function readSfuCount(message: SignalingNotifyMessage, now: number): SfuCount | null {
  if (!COUNTED.has(message.event_type)) return null;
  const fields = message as { channel_recvonly_connections?: unknown; timestamp?: unknown };
  const recvonly = fields.channel_recvonly_connections;
  if (typeof recvonly !== 'number' || !Number.isInteger(recvonly) || recvonly < 0) return null;
  const stamped = typeof fields.timestamp === 'string' ? Date.parse(fields.timestamp) : Number.NaN;
  return { t: Number.isFinite(stamped) ? Math.min(stamped, now) : now, recvonly };
}

export const SFU_COUNT_INTERVAL_MS = 10_000;

/** Sends the first count at once, then at most one (the newest) per interval. */
export class SfuCountThrottle {
  readonly #send: (count: SfuCount) => void;
  readonly #timers: Timers;
  readonly #intervalMs: number;
  #pending: SfuCount | null = null;
  #timer: unknown = null;

  constructor(send: (count: SfuCount) => void, timers: Timers, intervalMs = SFU_COUNT_INTERVAL_MS) {
    this.#send = send;
    this.#timers = timers;
    this.#intervalMs = intervalMs;
  }

  push(count: SfuCount): void {
    if (this.#pending && this.#pending.t > count.t) return;
    this.#pending = count;
    if (this.#timer === null) this.#flush();
  }

  stop(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
  }

  #flush(): void {
    this.#timer = null;
    if (!this.#pending) return;
    this.#send(this.#pending);
    this.#pending = null;
    this.#timer = this.#timers.setTimeout(() => this.#flush(), this.#intervalMs);
  }
}
