/** @module A bench dashboard: subscribes to an event's ticks over `/host` and records when each one arrived. */
import { io, type Socket } from 'socket.io-client';
import { HOST_NAMESPACE, type HostClientEvents, type HostServerEvents } from '../../shared/events.ts';
import { PROBE_LABEL } from './protocol.ts';

export type TickArrival = {
  /** The tick's own `t` (start of the second it was built in), and when this client received it (ms). */
  t: number;
  at: number;
  samples: number;
  watching: number;
  total: number;
  /** Latest seq of each probe viewer as the tick shows it (from its decoder label). */
  probes: Array<[probe: string, seq: number]>;
};

export type HostWatch = { ticks: TickArrival[]; close(): void };

export function watchTicks(url: string, token: string, eventId: string, timeoutMs = 15_000): Promise<HostWatch> {
  const socket: Socket<HostServerEvents, HostClientEvents> = io(url + HOST_NAMESPACE, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
  });
  const ticks: TickArrival[] = [];
  socket.on('tick', (tick) => {
    const at = Date.now();
    const probes: Array<[string, number]> = [];
    for (const key of Object.keys(tick.decoders)) {
      const m = PROBE_LABEL.exec(key);
      if (m) probes.push([m[1] as string, Number(m[2])]);
    }
    ticks.push({
      t: tick.t,
      at,
      samples: tick.ingest.samples,
      watching: tick.viewers.watching,
      total: tick.viewers.total,
      probes,
    });
  });
  // Like the dashboard: (re)subscribe on every connect, so a reconnect under load does not silently stop the ticks.
  const subscribe = async (): Promise<void> => {
    const result = await socket.emitWithAck('host:subscribe', { eventId });
    if (!result.ok) throw new Error(`host:subscribe refused: ${result.error}`);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('host subscribe timed out')), timeoutMs);
    socket.once('connect_error', (error) => reject(error));
    socket.on('connect', () => {
      subscribe().then(() => {
        clearTimeout(timer);
        resolve({ ticks, close: () => void socket.disconnect() });
      }, reject);
    });
  });
}
