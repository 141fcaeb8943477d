/**
 * @module What a load child's viewers hear back: per session the highest seq the server said it stored (`ackSeq` of
 * `viewer:stats` acks, `lastSeq` of `viewer:hello` answers), the emit → ack time of every stats batch, and how many
 * viewer sockets are connected. It wraps the socket factory, so the simulator and the collector code stay untouched.
 */
import type { OpenViewerSocket } from '../../server/simulator/viewer-socket.ts';
import type { AckedSeqs } from './protocol.ts';

type Ack = (result: unknown) => void;
/** A full ack carries `{ ackSeq }` or `{ lastSeq }`; a compact `viewer:stats` ack is the bare ackSeq. */
type AckResult = { ok?: boolean; data?: number | { ackSeq?: unknown; lastSeq?: unknown } } | null | undefined;

export type AckTap = {
  /** Opens viewer sockets like `open` and listens to their acks. */
  openSocket: OpenViewerSocket;
  ackedSeq(sessionId: string): number;
  acked(): AckedSeqs;
  /** Every ok stats ack so far, flattened: `[emitted at (ms), emit → ack (ms), …]`. */
  latencies(): number[];
  connected(): number;
};

export function createAckTap(open: OpenViewerSocket): AckTap {
  const acked = new Map<string, number>();
  const latencies: number[] = [];
  let connected = 0;

  const openSocket: OpenViewerSocket = (auth, userAgent) => {
    const socket = open(auth, userAgent);
    const id = auth().sessionId;
    if (!acked.has(id)) acked.set(id, 0);
    const raise = (seq: unknown): void => {
      if (typeof seq === 'number' && seq > (acked.get(id) ?? 0)) acked.set(id, seq);
    };
    socket.on('connect', () => void (connected += 1));
    socket.on('disconnect', () => void (connected -= 1));
    // The collector emits with a callback; wrap it before the collector's own timeout logic sees it, so that a late
    // ack (the collector ignores it) still counts: the server said these samples are stored.
    const emit = socket.emit.bind(socket) as (event: string, ...args: unknown[]) => unknown;
    const tapped = (event: string, ...args: unknown[]): unknown => {
      const ack = args.at(-1);
      if ((event === 'viewer:stats' || event === 'viewer:hello') && typeof ack === 'function') {
        const at = Date.now();
        args[args.length - 1] = (result: AckResult) => {
          const data = result?.ok ? result.data : undefined;
          if (result?.ok && event === 'viewer:stats') {
            raise(typeof data === 'number' ? data : data?.ackSeq);
            latencies.push(at, Date.now() - at);
          } else if (result?.ok && typeof data === 'object') {
            raise(data.lastSeq);
          }
          (ack as Ack)(result);
        };
      }
      return emit(event, ...args);
    };
    // An own property: `tapStats` (sim-viewer) binds `socket.emit` after the factory returns, so it goes through here.
    Object.defineProperty(socket, 'emit', { value: tapped, configurable: true, writable: true });
    return socket;
  };

  return {
    openSocket,
    ackedSeq: (sessionId) => acked.get(sessionId) ?? 0,
    acked: () => [...acked],
    latencies: () => latencies,
    connected: () => connected,
  };
}
