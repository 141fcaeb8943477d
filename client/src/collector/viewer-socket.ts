/** @module The viewer's typed socket.io connection to the Kansoku server, admitted by the page's viewer ticket. */
import { io, type Socket } from 'socket.io-client';
import type { ViewerAuth, ViewerClientEvents, ViewerServerEvents } from '../../../shared/events.ts';
import { VIEWER_NAMESPACE } from '../../../shared/events.ts';
import type { ViewerPass } from './viewer-pass.ts';

export type ViewerSocket = Socket<ViewerServerEvents, ViewerClientEvents>;

export type ViewerSocketOptions = {
  /** Origin of the Kansoku server, e.g. `https://kansoku.example.com` (a trailing slash is ignored). */
  server: string;
  eventId: string;
  pass: ViewerPass;
  token?: string;
};

const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Opens the `/viewer` namespace over WebSocket only (no long-polling fallback: viewers already need a working
 * WebSocket for Sora signalling). Each attempt presents a fresh ticket (the auth callback renews it when due).
 * socket.io reconnects after network trouble on its own, but not after the server refused the handshake or closed
 * the connection: then this retries with backoff, renewing the ticket first when it was the ticket that was refused.
 */
export function connectViewerSocket(options: ViewerSocketOptions): { socket: ViewerSocket; close(): void } {
  let forceRenew = false;
  let closed = false;
  let retry: ReturnType<typeof globalThis.setTimeout> | undefined;
  let refusals = 0;
  const socket: ViewerSocket = io(options.server.replace(/\/+$/, '') + VIEWER_NAMESPACE, {
    auth: (send) => {
      void options.pass.fresh(forceRenew).then((credentials) => {
        forceRenew = false;
        const auth: ViewerAuth = {
          eventId: options.eventId,
          sessionId: credentials?.sessionId ?? '',
          ticket: credentials?.ticket ?? '',
        };
        if (options.token !== undefined) auth.token = options.token;
        send(auth);
      });
    },
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
  });
  socket.on('connect', () => {
    refusals = 0;
  });
  const retryLater = (): void => {
    const delay = RETRY_MS[Math.min(refusals, RETRY_MS.length - 1)] as number;
    refusals += 1;
    globalThis.clearTimeout(retry);
    retry = globalThis.setTimeout(() => {
      if (!closed && !socket.connected && !socket.active) socket.connect();
    }, delay);
  };
  socket.on('connect_error', (error) => {
    if (socket.active) return; // a network error: socket.io retries by itself
    forceRenew = error.message === 'unauthorized';
    retryLater();
  });
  // The server closed the connection (idle past its deadline, or too many invalid messages): come back later.
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect' && !closed) retryLater();
  });
  return {
    socket,
    close() {
      closed = true;
      globalThis.clearTimeout(retry);
      socket.disconnect();
    },
  };
}
