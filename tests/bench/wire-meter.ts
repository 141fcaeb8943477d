/**
 * @module Counts the bytes every outgoing TCP socket of this process writes and reads, through Node's
 * `net.client.socket` diagnostics channel: what the WebSocket frames really cost, after permessage-deflate,
 * frame headers included (TCP/IP headers are not).
 */
import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

export type WireMeter = { totals(): { written: number; read: number; sockets: number }; close(): void };

export function createWireMeter(): WireMeter {
  const live = new Set<Socket>();
  let closedWritten = 0;
  let closedRead = 0;
  let sockets = 0;
  const onSocket = (message: unknown): void => {
    const socket = (message as { socket: Socket }).socket;
    sockets += 1;
    live.add(socket);
    socket.once('close', () => {
      closedWritten += socket.bytesWritten;
      closedRead += socket.bytesRead;
      live.delete(socket);
    });
  };
  diagnostics.subscribe('net.client.socket', onSocket);
  return {
    totals() {
      let written = closedWritten;
      let read = closedRead;
      for (const socket of live) {
        written += socket.bytesWritten;
        read += socket.bytesRead;
      }
      return { written, read, sockets };
    },
    close: () => diagnostics.unsubscribe('net.client.socket', onSocket),
  };
}
