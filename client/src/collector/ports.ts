/** @module The collector's injected edges: the socket subset it uses, timers, and an ack wait with a timeout. */
import type { ViewerClientEvents } from '../../../shared/events.ts';
import type { Result } from '../../../shared/result.ts';
import type { Timers } from '../../../shared/timers.ts';

export { globalTimers, type Timers } from '../../../shared/timers.ts';

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
