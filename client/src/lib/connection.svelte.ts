/**
 * @module The state of a socket.io connection as a dashboard shows it: connecting, connected, reconnecting, or
 * refused (the server turned the handshake down, e.g. the login expired). Listens to the socket it is given.
 */
import type { ListenerMethod } from './listeners.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';

type Reserved = { connect: () => void; disconnect: (reason: string) => void; connect_error: (error: Error) => void };

/** The part of a socket.io client this needs; a real `Socket` fits it. */
export type StatusSocket = {
  readonly connected: boolean;
  on: ListenerMethod<Reserved>;
  off: ListenerMethod<Reserved>;
};

export class SocketConnection {
  status = $state<ConnectionStatus>('connecting');
  /** When the status last changed, ms since epoch. */
  since = $state(0);
  /** Why the server refused or dropped us, when it said. */
  reason = $state<string | null>(null);
  readonly #socket: StatusSocket;
  readonly #now: () => number;
  readonly #onRefused: () => void;

  /** `onRefused` runs when the server turns us down (the page should ask for a login again). */
  constructor(socket: StatusSocket, onRefused: () => void = () => {}, now: () => number = Date.now) {
    this.#socket = socket;
    this.#now = now;
    this.#onRefused = onRefused;
    this.since = now();
    if (socket.connected) this.status = 'connected';
    socket.on('connect', this.#onConnect);
    socket.on('disconnect', this.#onDisconnect);
    socket.on('connect_error', this.#onError);
  }

  #set(status: ConnectionStatus, reason: string | null = null): void {
    if (this.status !== status) this.since = this.#now();
    this.status = status;
    this.reason = reason;
    if (status === 'refused') this.#onRefused();
  }

  #onConnect = () => this.#set('connected');
  // socket.io does not reconnect by itself after the server disconnects us (logout, expired session).
  #onDisconnect = (reason: string) => this.#set(reason === 'io server disconnect' ? 'refused' : 'reconnecting', reason);
  #onError = (error: Error) => this.#set(error.message === 'unauthorized' ? 'refused' : 'reconnecting', error.message);

  dispose(): void {
    this.#socket.off('connect', this.#onConnect);
    this.#socket.off('disconnect', this.#onDisconnect);
    this.#socket.off('connect_error', this.#onError);
  }
}
