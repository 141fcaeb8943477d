/**
 * @module SendState: one watch-page form's way to the server, as reactive state. Emits with an ack and a timeout,
 * then shows sent / failed / rate-limited, and counts down while the server wants the viewer to wait (after a
 * success too, so the next try is not refused). Time and timers are injected.
 */
import type { Result } from '../../../../shared/result.ts';
import type { Timers } from '../../../../shared/timers.ts';
import { ACK_TIMEOUT_MS, waitForAck } from '../../collector/ports.ts';

export type SendStatus = 'idle' | 'sending' | 'sent' | 'failed' | 'rate-limited';
/** Why the last attempt failed: no connection, no answer in time, refused as invalid, or anything else. */
export type SendProblem = 'offline' | 'timeout' | 'invalid' | 'other';

/** Seconds the server asked for (`… try again in 7 s`), or null when the message does not say. */
export function retryAfterSeconds(message: string | undefined): number | null {
  const match = message ? /(\d+)\s*s\b/.exec(message) : null;
  return match ? Number(match[1]) : null;
}

export class SendState {
  status = $state<SendStatus>('idle');
  problem = $state<SendProblem | null>(null);
  /** Whole seconds until the server accepts another one; 0 when it may be sent now. */
  waitSeconds = $state(0);
  /** Sending now, or waiting out the interval. */
  blocked = $derived(this.status === 'sending' || this.waitSeconds > 0);

  readonly #timers: Timers;
  readonly #now: () => number;
  /** The server's interval for this kind of message (e.g. one question per 10 s). */
  readonly #intervalMs: number;
  readonly #ackTimeoutMs: number;
  #until = 0;
  #timer: unknown = null;

  constructor(timers: Timers, now: () => number, intervalMs: number, ackTimeoutMs = ACK_TIMEOUT_MS) {
    this.#timers = timers;
    this.#now = now;
    this.#intervalMs = intervalMs;
    this.#ackTimeoutMs = ackTimeoutMs;
  }

  /** Sends through `emit` (which passes the ack on); true when the server took it. */
  async send(emit: (ack: (result: Result<null>) => void) => void, connected: boolean): Promise<boolean> {
    if (this.blocked) return false;
    if (!connected) return this.#fail('offline');
    this.status = 'sending';
    this.problem = null;
    const result = await waitForAck<null>(this.#timers, this.#ackTimeoutMs, emit);
    if (result === null) return this.#fail('timeout');
    if (result.ok) {
      this.status = 'sent';
      this.#wait(this.#intervalMs);
      return true;
    }
    if (result.error === 'rate-limited') {
      this.status = 'rate-limited';
      this.#wait((retryAfterSeconds(result.message) ?? this.#intervalMs / 1000) * 1000);
      return false;
    }
    return this.#fail(result.error === 'invalid-payload' ? 'invalid' : 'other');
  }

  dispose(): void {
    this.#timers.clearTimeout(this.#timer);
  }

  #fail(problem: SendProblem): false {
    this.status = 'failed';
    this.problem = problem;
    return false;
  }

  #wait(ms: number): void {
    this.#until = this.#now() + ms;
    this.#tick();
  }

  #tick = (): void => {
    this.#timers.clearTimeout(this.#timer);
    const left = this.#until - this.#now();
    this.waitSeconds = Math.max(0, Math.ceil(left / 1000));
    // Wake on the next whole second, so the countdown reads 10, 9, … 1 and then unblocks.
    if (left > 0) this.#timer = this.#timers.setTimeout(this.#tick, left % 1000 || 1000);
  };
}
