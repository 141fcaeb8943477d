/** @module The collector's injected edges: the socket subset it uses, timers, and an ack wait with a timeout. */
import type { ViewerClientEvents } from '../../../shared/events.ts';
import type { Result } from '../../../shared/result.ts';

/**
 * The part of a socket.io client the collector uses. A `Socket<ViewerServerEvents, ViewerClientEvents>`
 * from socket.io-client fits it; tests pass a small fake.
 */
export type CollectorSocket = {
  readonly connected: boolean;
  on(event: 'connect' | 'disconnect', listener: () => void): unknown;
  off(event: 'connect' | 'disconnect', listener: () => void): unknown;
  emit<E extends keyof ViewerClientEvents>(event: E, ...args: Parameters<ViewerClientEvents[E]>): unknown;
};

/** Handles are opaque: browsers return numbers, Node returns objects, fakes return whatever they like. */
export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
};

type Handle = ReturnType<typeof globalThis.setTimeout>;

/** The real timers. Wrapped, because calling `setTimeout` as a method of another object throws in browsers. */
export function globalTimers(): Timers {
  return {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as Handle),
    setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
    clearInterval: (handle) => globalThis.clearInterval(handle as Handle),
  };
}

/** How long the collector waits for any ack before it gives up on that message. */
export const ACK_TIMEOUT_MS = 10_000;

/**
 * Emits through `send` and resolves with the ack, or with null after `timeoutMs`. The timeout runs on the
 * injected timers (not `socket.timeout()`), so tests drive it with a fake clock. A late ack is ignored.
 */
export function waitForAck<T>(
  timers: Timers,
  timeoutMs: number,
  send: (ack: (result: Result<T>) => void) => void,
): Promise<Result<T> | null> {
  return new Promise((resolve) => {
    let settled = false;
    const timer = timers.setTimeout(() => {
      settled = true;
      resolve(null);
    }, timeoutMs);
    send((result) => {
      if (settled) return;
      settled = true;
      timers.clearTimeout(timer);
      resolve(result);
    });
  });
}
