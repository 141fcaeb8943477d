/**
 * @module The one typed socket.io client of a host page. Same-origin, WebSocket only; the browser sends the session
 * cookie with the handshake, so no token lives in page JavaScript. Features receive this socket; none creates its own.
 */
import { io, type Socket } from 'socket.io-client';
import { HOST_NAMESPACE, type HostClientEvents, type HostServerEvents } from '../../../shared/events.ts';

export type HostSocket = Socket<HostServerEvents, HostClientEvents>;

export function createHostSocket(origin = ''): HostSocket {
  return io(origin + HOST_NAMESPACE, {
    transports: ['websocket'],
    withCredentials: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 5_000,
  });
}
