/** Connection status from socket events, and the refusal hook that sends the page back to the login form. */
import { describe, expect, it } from 'vitest';
import { SocketConnection } from '../../../../../client/src/lib/connection.svelte.ts';
import { FakeHostSocket } from '../fake-host-socket.ts';

describe('SocketConnection', () => {
  it('follows connect, disconnect and refusals', () => {
    const socket = new FakeHostSocket();
    let refused = 0;
    let t = 100;
    const conn = new SocketConnection(
      socket,
      () => refused++,
      () => t,
    );
    expect(conn.status).toBe('connecting');
    t = 200;
    socket.connect();
    expect(conn.status).toBe('connected');
    expect(conn.since).toBe(200);
    socket.serverEmit('disconnect', 'transport close');
    expect(conn.status).toBe('reconnecting');
    socket.serverEmit('connect_error', new Error('xhr poll error'));
    expect(conn.status).toBe('reconnecting');
    socket.serverEmit('connect_error', new Error('unauthorized'));
    expect(conn.status).toBe('refused');
    expect(refused).toBe(1);
    socket.serverEmit('disconnect', 'io server disconnect');
    expect(refused).toBe(2);
    conn.dispose();
    expect(socket.listenerCount()).toBe(0);
  });
});
