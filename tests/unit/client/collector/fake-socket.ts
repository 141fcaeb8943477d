/** @module A typed stand-in for the viewer's socket.io client: records emits, answers acks through the fake clock. */
import type { CollectorSocket } from '../../../../client/src/collector/ports.ts';
import type { ViewerClientEvents } from '../../../../shared/events.ts';
import type { FakeClock } from './fake-clock.ts';

type Events = ViewerClientEvents;
type Name = keyof Events;
type Payload<E extends Name> = Parameters<Events[E]>[0];
export type AckResult<E extends Name> = Parameters<Parameters<Events[E]>[1]>[0];

export type Emitted<E extends Name = Name> = {
  event: E;
  payload: Payload<E>;
  /** Fake-clock time of the emit. */
  at: number;
  /** False when the collector emitted on a socket that was down (real socket.io would buffer it and send it later). */
  whileConnected: boolean;
  /** Answers the emit by hand (for tests that hold the ack back). */
  ack: (result: AckResult<E>) => void;
};

/** Returns the ack to send, or undefined to never answer (a lost ack). */
export type Responders = { [E in Name]?: (payload: Payload<E>) => AckResult<E> | undefined };

export class FakeSocket implements CollectorSocket {
  connected = false;
  readonly emitted: Emitted[] = [];
  responders: Responders = {};
  /** Server think time before an ack arrives. */
  ackDelayMs = 0;
  /** Acks sent by the responders but not yet delivered. */
  awaitingAck = 0;
  #connection = 0;
  #listeners = { connect: new Set<() => void>(), disconnect: new Set<() => void>() };

  constructor(private readonly clock: FakeClock) {}

  on(event: 'connect' | 'disconnect', listener: () => void): this {
    this.#listeners[event].add(listener);
    return this;
  }

  off(event: 'connect' | 'disconnect', listener: () => void): this {
    this.#listeners[event].delete(listener);
    return this;
  }

  emit<E extends Name>(event: E, ...args: Parameters<Events[E]>): this {
    const [payload, rawAck] = args as unknown as [Payload<E>, (result: AckResult<E>) => void];
    const connection = this.#connection;
    const ack = (result: AckResult<E>): void => {
      // Like socket.io: an ack never crosses a reconnect.
      if (connection === this.#connection) rawAck(result);
    };
    this.emitted.push({
      event,
      payload,
      at: this.clock.now(),
      whileConnected: this.connected,
      ack,
    } as unknown as Emitted);
    const responder = this.responders[event] as ((p: Payload<E>) => AckResult<E> | undefined) | undefined;
    const result = this.connected ? responder?.(payload) : undefined;
    if (result !== undefined) {
      this.awaitingAck += 1;
      this.clock.timers.setTimeout(() => {
        this.awaitingAck -= 1;
        ack(result);
      }, this.ackDelayMs);
    }
    return this;
  }

  connect(): void {
    this.connected = true;
    for (const listener of this.#listeners.connect) listener();
  }

  disconnect(): void {
    this.connected = false;
    this.#connection += 1;
    for (const listener of this.#listeners.disconnect) listener();
  }

  /** Emits of one event, in order. */
  of<E extends Name>(event: E): Emitted<E>[] {
    return this.emitted.filter((m) => m.event === event) as unknown as Emitted<E>[];
  }

  /** Sequence numbers of every `viewer:stats` sample emitted, in order. */
  sentSeqs(): number[] {
    return this.of('viewer:stats').flatMap((m) => m.payload.samples.map((s) => s.seq));
  }
}
