/**
 * @module A cap on the socket.io connections one address holds at once (KANSOKU_MAX_CONNECTIONS_PER_ADDRESS). A
 * browser tab holds one engine connection whatever namespaces it joins, so the cap counts tabs; it is wide enough for
 * a venue or an office behind one NAT, and stops one machine from tying up the server's sockets and memory with
 * handshakes it never follows up. The address is the client's own behind trusted proxies (TRUST_PROXY). This machine
 * itself is never capped: it is the simulator's address, and every client's behind a local proxy that TRUST_PROXY
 * does not name (capping that would cap the whole audience).
 */
import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import { clientAddress } from '../auth/client-address.ts';

export type AddressCap = {
  /** socket.io's `allowRequest` (asked at each new connection's handshake). */
  allowRequest(req: IncomingMessage, answer: (err: string | null | undefined, success: boolean) => void): void;
  /** Counts the connections the server opens and closes. */
  watch(io: Server): void;
  /** Connections held now by `address`. */
  held(address: string): number;
};

/** `address` as clientAddress keys it: IPv6 by its /64, so ::1 is `0:0:0:0::/64`. */
const isLoopback = (address: string): boolean => address.startsWith('127.') || address === '0:0:0:0::/64';

export function createAddressCap(max: number, trustProxy: number): AddressCap {
  const open = new Map<string, number>();
  const addressOf = (req: IncomingMessage): string => {
    const forwarded = req.headers['x-forwarded-for'];
    return clientAddress(req.socket.remoteAddress, typeof forwarded === 'string' ? forwarded : undefined, trustProxy);
  };
  return {
    allowRequest(req, answer) {
      const address = addressOf(req);
      if (isLoopback(address) || (open.get(address) ?? 0) < max) return answer(null, true);
      answer(`too many connections from one address (at most ${max})`, false);
    },
    watch(io) {
      io.engine.on('connection', (socket: { request: IncomingMessage; once(e: 'close', fn: () => void): void }) => {
        const address = addressOf(socket.request);
        open.set(address, (open.get(address) ?? 0) + 1);
        socket.once('close', () => {
          const left = (open.get(address) ?? 1) - 1;
          if (left > 0) open.set(address, left);
          else open.delete(address);
        });
      });
    },
    held: (address) => open.get(address) ?? 0,
  };
}
