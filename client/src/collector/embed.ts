/**
 * @module The embeddable one-call API: `attach(pcOrSoraConnection, { server, eventId })` starts a collector. It
 * fetches its own viewer ticket (and with it the session id) before the socket's first handshake. With
 * `role: 'publisher'` it reports a sending connection's upload instead (attach-publisher.ts).
 */
import { BEACON } from '../../../shared/public-api.ts';
import type { ViewerTicket } from '../../../shared/viewer-ticket.ts';
import type { Collector } from './collector.ts';
import { createCollector } from './collector.ts';
import { connectViewerSocket, type ViewerSocket } from './viewer-socket.ts';
import { ViewerPass } from './viewer-pass.ts';
import { attachPublisher, type PublisherAttached, type PublisherAttachOptions } from './attach-publisher.ts';
import { statsSource, type AttachTarget } from './stats-source.ts';

export { statsSource, type AttachTarget, type SoraConnectionLike } from './stats-source.ts';
export type { PublisherAttached, PublisherAttachOptions } from './attach-publisher.ts';

export type AttachOptions = {
  /** A viewer (the default); `'publisher'` is the broadcaster's own page (PublisherAttachOptions). */
  role?: 'viewer';
  /** Origin of the Kansoku server, e.g. `https://kansoku.example.com`. */
  server: string;
  eventId: string;
  /** The event's Sora viewer token, when it uses Kansoku's auth webhook. */
  token?: string;
  /** A ticket from an earlier load of this page (`attached.ticket()`), to continue its session after a reload. */
  resume?: string;
  /** A ticket this page load already has (the watch page's public event carries one). */
  issued?: ViewerTicket | null;
  /** Called with every new ticket (e.g. to keep it in sessionStorage for `resume`). */
  onTicket?: (ticket: ViewerTicket) => void;
};

export type Attached = {
  /** The viewer is leaving (call it on `pagehide`): stops the collector, says so with a `leave` beacon, disconnects. */
  detach(): void;
  collector: Collector;
  /** The viewing session's id: minted by the server with the ticket, so '' until the first ticket arrived. */
  readonly sessionId: string;
  /** Resolves with the session id once the collector's socket is first admitted. */
  ready: Promise<string>;
  /** The current viewer ticket ('' before the first one): pass it as `resume` after a reload to continue the session. */
  ticket(): string;
  /** The collector's connection, for the page's own viewer messages (e.g. the watch page's question form). */
  socket: ViewerSocket;
};

const visibility = (): 'v' | 'h' => (document.visibilityState === 'hidden' ? 'h' : 'v');

/**
 * Sends a string body, so the request is `text/plain;charset=UTF-8`: a CORS-safelisted type, which lets a page on
 * another origin beacon without a preflight. The server parses the text as JSON.
 */
const beacon = (url: string, body: string): boolean => navigator.sendBeacon(url, body);

/**
 * Starts polling `target` and reporting to the Kansoku server. A viewer's page (a recvonly connection) reports as a
 * viewer, with a viewer ticket; `role: 'publisher'` (a sendonly connection, on a host's page) reports the upload.
 * Call `detach()` when the page is done.
 */
export function attach(target: AttachTarget, options: PublisherAttachOptions): PublisherAttached;
export function attach(target: AttachTarget, options: AttachOptions): Attached;
export function attach(
  target: AttachTarget,
  options: AttachOptions | PublisherAttachOptions,
): Attached | PublisherAttached {
  return options.role === 'publisher' ? attachPublisher(target, options) : attachViewer(target, options);
}

function attachViewer(target: AttachTarget, options: AttachOptions): Attached {
  const server = options.server.replace(/\/+$/, '');
  const pass = new ViewerPass({
    server,
    eventId: options.eventId,
    issued: options.issued,
    resume: options.resume,
    onTicket: options.onTicket,
  });
  const { socket, close } = connectViewerSocket({ server, eventId: options.eventId, pass, token: options.token });
  // Beacons need a ticket that has not expired, also on a page that stays connected for hours.
  const renewal = globalThis.setInterval(() => void pass.fresh(), 60_000);
  const collector = createCollector({
    ...statsSource(target),
    socket,
    eventId: options.eventId,
    credentials: () => pass.current,
    visibility: typeof document === 'undefined' ? undefined : visibility,
    beacon: typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function' ? beacon : undefined,
    beaconUrl: server + BEACON.path,
  });
  collector.start();
  const ready = new Promise<string>((resolve) => socket.once('connect', () => resolve(pass.current?.sessionId ?? '')));
  return {
    ready,
    collector,
    get sessionId() {
      return pass.current?.sessionId ?? '';
    },
    ticket: () => pass.current?.ticket ?? '',
    socket,
    detach() {
      globalThis.clearInterval(renewal);
      collector.leave();
      close();
    },
  };
}
