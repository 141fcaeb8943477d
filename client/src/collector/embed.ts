/** @module The embeddable one-call API: `attach(pcOrSoraConnection, { server, eventId })` starts a collector. */
import type { Collector, CollectorOptions } from './collector.ts';
import { createCollector } from './collector.ts';
import { connectViewerSocket, newSessionId, type ViewerSocket } from './socket.ts';

/** A sora-js-sdk `ConnectionSubscriber` (or any object that exposes its peer connection as `.pc`). */
export type SoraConnectionLike = { readonly pc: RTCPeerConnection | null };
export type AttachTarget = RTCPeerConnection | SoraConnectionLike;

export type AttachOptions = {
  /** Origin of the Kansoku server, e.g. `https://kansoku.example.com`. */
  server: string;
  eventId: string;
  token?: string;
  /** Pass the same id after a page reload to continue the session; a new one is made otherwise. */
  sessionId?: string;
};

export type Attached = {
  /** The viewer is leaving (call it on `pagehide`): stops the collector, says so with a `leave` beacon, disconnects. */
  detach(): void;
  collector: Collector;
  sessionId: string;
  /** The collector's connection, for the page's own viewer messages (e.g. the watch page's question form). */
  socket: ViewerSocket;
};

/**
 * getStats and connection state for either kind of target. `.pc` is read at every call: sora-js-sdk replaces the
 * peer connection on re-offer and sets it to null on disconnect. No peer connection → `getStats` resolves null.
 */
export function statsSource(target: AttachTarget): Pick<CollectorOptions, 'getStats' | 'peerState'> {
  // A ConnectionSubscriber also has a (private) getStats method, so tell them apart by `.pc`.
  const current = (): RTCPeerConnection | null => ('pc' in target ? target.pc : target);
  return {
    getStats: async () => {
      const pc = current();
      return pc ? pc.getStats() : null;
    },
    // Firefox before 113 has no connectionState; summarizeStats maps the ICE state names.
    peerState: () => {
      const pc = current();
      return pc ? (pc.connectionState ?? pc.iceConnectionState ?? '') : 'closed';
    },
  };
}

const visibility = (): 'v' | 'h' => (document.visibilityState === 'hidden' ? 'h' : 'v');

/**
 * Sends a string body, so the request is `text/plain;charset=UTF-8`: a CORS-safelisted type, which lets a page on
 * another origin beacon without a preflight. The server parses the text as JSON.
 */
const beacon = (url: string, body: string): boolean => navigator.sendBeacon(url, body);

/** Starts polling `target` and reporting to the Kansoku server. Call `detach()` when the viewer leaves. */
export function attach(target: AttachTarget, options: AttachOptions): Attached {
  const server = options.server.replace(/\/+$/, '');
  const sessionId = options.sessionId ?? newSessionId();
  const socket = connectViewerSocket({ server, eventId: options.eventId, sessionId, token: options.token });
  const collector = createCollector({
    ...statsSource(target),
    socket,
    eventId: options.eventId,
    sessionId,
    visibility: typeof document === 'undefined' ? undefined : visibility,
    beacon: typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function' ? beacon : undefined,
    beaconUrl: `${server}/api/beacon`,
  });
  collector.start();
  return {
    collector,
    sessionId,
    socket,
    detach() {
      collector.leave();
      socket.disconnect();
    },
  };
}
