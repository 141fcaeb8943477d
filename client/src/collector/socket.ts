/** @module The viewer's typed socket.io connection to the Kansoku server, and viewing-session ids. */
import { io, type Socket } from 'socket.io-client';
import type { ViewerAuth, ViewerClientEvents, ViewerServerEvents } from '../../../shared/events.ts';
import { VIEWER_NAMESPACE } from '../../../shared/events.ts';

export type ViewerSocket = Socket<ViewerServerEvents, ViewerClientEvents>;

export type ViewerSocketOptions = {
  /** Origin of the Kansoku server, e.g. `https://kansoku.example.com` (a trailing slash is ignored). */
  server: string;
  eventId: string;
  sessionId: string;
  token?: string;
};

/**
 * Opens the `/viewer` namespace over WebSocket only (no long-polling fallback: viewers already need a working
 * WebSocket for Sora signalling). Reconnects forever; `ViewerAuthSchema` is checked by the server on each attempt.
 */
export function connectViewerSocket(options: ViewerSocketOptions): ViewerSocket {
  const auth: ViewerAuth = { eventId: options.eventId, sessionId: options.sessionId };
  if (options.token !== undefined) auth.token = options.token;
  return io(options.server.replace(/\/+$/, '') + VIEWER_NAMESPACE, {
    auth,
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
  });
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 16 random URL-safe characters (96 bits). 64 symbols divide 256 evenly, so `byte & 63` is unbiased. */
export function newSessionId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}
