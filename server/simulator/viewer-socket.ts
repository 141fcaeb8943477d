/**
 * @module The simulated viewer's socket.io connection, opened the way a browser opens it: WebSocket only,
 * the browser's User-Agent on the handshake, and permessage-deflate on every message.
 */
import { io, type Socket } from 'socket.io-client';
import type { CollectorSocket } from '../../client/src/collector/ports.ts';
import {
  VIEWER_NAMESPACE,
  type ViewerAuth,
  type ViewerClientEvents,
  type ViewerServerEvents,
} from '../../shared/events.ts';
import type { StatsSample } from '../../shared/stats-sample.ts';

export type ViewerSocket = Socket<ViewerServerEvents, ViewerClientEvents>;

/** `auth` is asked on every connection attempt, so a reconnect presents a ticket that has not expired. */
export type OpenViewerSocket = (auth: () => ViewerAuth, userAgent: string) => ViewerSocket;

/** Mints a viewer ticket for a session id of the simulator's choosing (it holds the server's ticket key). */
export type SignTicket = (eventId: string, sessionId: string) => string;

/**
 * A socket factory for one server. Each viewer gets its own connection (`forceNew`), like separate browsers.
 * engine.io-client hands `perMessageDeflate` and `extraHeaders` to the `ws` package; its default threshold of
 * 1024 bytes would leave typical 2-sample batches uncompressed, whereas browsers compress every message.
 */
export function viewerSocketFactory(serverUrl: string): OpenViewerSocket {
  const url = serverUrl.replace(/\/+$/, '') + VIEWER_NAMESPACE;
  return (auth, userAgent) =>
    io(url, {
      auth: (send) => send(auth()),
      forceNew: true,
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 10_000,
      extraHeaders: { 'User-Agent': userAgent },
      perMessageDeflate: { threshold: 0 },
    });
}

/** The collector's view of a socket, with every `viewer:stats` batch reported to `onStats` as it is emitted. */
export function tapStats(socket: ViewerSocket, onStats: (samples: readonly StatsSample[]) => void): CollectorSocket {
  const emit = socket.emit.bind(socket) as (event: string, ...args: unknown[]) => unknown;
  return {
    get connected() {
      return socket.connected;
    },
    on: (event, listener) => socket.on(event, listener),
    off: (event, listener) => socket.off(event, listener),
    emit: (event, ...args) => {
      if (event === 'viewer:stats') onStats((args[0] as { samples: StatsSample[] }).samples);
      return emit(event, ...args);
    },
  };
}
