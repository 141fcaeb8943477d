/**
 * @module The publisher collector's socket: the `/host` namespace, which only a host may open — with the dashboard's
 * session cookie on Kansoku's own pages, or the host token from a publisher page elsewhere. WebSocket only; socket.io
 * reconnects after network trouble by itself, and the collector resends what was not acknowledged.
 */
import { io, type Socket } from 'socket.io-client';
import { HOST_NAMESPACE, type HostClientEvents, type HostServerEvents } from '../../../shared/events.ts';

export type PublisherHostSocket = Socket<HostServerEvents, HostClientEvents>;

export function connectPublisherSocket(options: { server: string; token?: string }): PublisherHostSocket {
  return io(options.server.replace(/\/+$/, '') + HOST_NAMESPACE, {
    ...(options.token !== undefined ? { auth: { token: options.token } } : {}),
    transports: ['websocket'],
    withCredentials: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
  });
}

/** A random publisher id (`PublisherIdSchema`): 16 bytes, base64url. */
export function newPublisherId(bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
