/**
 * @module One-off viewer messages (funnel, failure, preflight, SFU count): sent now, beaconed, or queued for the
 * reconnect; and the page-leave message, always a beacon.
 */
import type { BeaconMessage } from '../../../shared/beacon.ts';
import type { SfuCount } from '../../../shared/events.ts';
import type { FailureReport, FunnelStep, Preflight } from '../../../shared/funnel.ts';
import { BEACON } from '../../../shared/public-api.ts';
import type { BodyIn } from '../../../shared/rest.ts';
import type { Result } from '../../../shared/result.ts';
import type { CollectorSocket } from './ports.ts';
import type { ViewerCredentials } from './viewer-pass.ts';

export type OutboxMessage =
  | { kind: 'funnel'; payload: FunnelStep }
  | { kind: 'failure'; payload: FailureReport }
  | { kind: 'preflight'; payload: Preflight }
  | { kind: 'sfu-count'; payload: SfuCount };

export type OutboxOptions = {
  socket: CollectorSocket;
  eventId: string;
  /** The session and its viewer ticket; null before the first ticket (no beacon can go out then). */
  credentials: () => ViewerCredentials | null;
  /** Returns false when the browser refused to queue the beacon (as `navigator.sendBeacon` does). */
  beacon?: (url: string, body: string) => boolean;
  beaconUrl?: string;
  /** Messages kept while offline; the oldest go first. */
  limit?: number;
};

export type OutboxCounters = { sent: number; beacons: number; errors: number; dropped: number };

export class MessageOutbox {
  readonly counters: OutboxCounters = { sent: 0, beacons: 0, errors: 0, dropped: 0 };
  readonly #options: OutboxOptions;
  #queue: OutboxMessage[] = [];

  constructor(options: OutboxOptions) {
    this.#options = options;
  }

  get queued(): number {
    return this.#queue.length;
  }

  send(message: OutboxMessage): void {
    if (this.#options.socket.connected) {
      this.#emit(message);
    } else if (message.kind === 'failure' && this.#beacon(message)) {
      this.counters.beacons += 1;
    } else {
      this.#enqueue(message);
    }
  }

  /** On (re)connect: sends everything that waited, oldest first. */
  flush(): void {
    const waiting = this.#queue;
    this.#queue = [];
    for (const message of waiting) this.send(message);
  }

  /** For a page that is going away while offline: everything queued that the beacon endpoint takes goes out as beacons. */
  beaconQueued(): void {
    const kept: OutboxMessage[] = [];
    for (const message of this.#queue) {
      if (message.kind !== 'sfu-count' && this.#beacon(message)) this.counters.beacons += 1;
      else kept.push(message);
    }
    this.#queue = kept;
  }

  /**
   * The page is going away: tells the server the session ends now. Always a beacon, even while connected: during
   * unload a socket message may never leave the page, while the browser delivers a beacon after it is gone.
   */
  leave(t: number): boolean {
    const sent = this.#beacon({ kind: 'leave', payload: { t } });
    if (sent) this.counters.beacons += 1;
    return sent;
  }

  #enqueue(message: OutboxMessage): void {
    // Only the newest SFU count is worth sending later.
    if (message.kind === 'sfu-count') this.#queue = this.#queue.filter((m) => m.kind !== 'sfu-count');
    this.#queue.push(message);
    const limit = this.#options.limit ?? 100;
    while (this.#queue.length > limit) {
      this.#queue.shift();
      this.counters.dropped += 1;
    }
  }

  #beacon(message: BeaconMessage): boolean {
    const { beacon, eventId, beaconUrl = BEACON.path } = this.#options;
    const credentials = this.#options.credentials();
    if (!beacon || !credentials) return false;
    const body: BodyIn<typeof BEACON> = {
      eventId,
      sessionId: credentials.sessionId,
      ticket: credentials.ticket,
      ...message,
    };
    try {
      return beacon(beaconUrl, JSON.stringify(body));
    } catch {
      return false;
    }
  }

  #emit(message: OutboxMessage): void {
    this.counters.sent += 1;
    // The server acks every message; an error ack is only counted (these messages are not worth a retry loop).
    const ack = (result: Result<null>): void => {
      if (!result.ok) this.counters.errors += 1;
    };
    const { socket } = this.#options;
    switch (message.kind) {
      case 'funnel':
        socket.emit('viewer:funnel', message.payload, ack);
        break;
      case 'failure':
        socket.emit('viewer:failure', message.payload, ack);
        break;
      case 'preflight':
        socket.emit('viewer:preflight', message.payload, ack);
        break;
      case 'sfu-count':
        socket.emit('viewer:sfu-count', message.payload, ack);
        break;
    }
  }
}
