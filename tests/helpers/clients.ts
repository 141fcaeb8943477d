/** @module Typed socket.io clients for tests (viewer and host) and small waiting helpers. */
import { io, type Socket } from 'socket.io-client';
import {
  HOST_NAMESPACE,
  VIEWER_NAMESPACE,
  type HostClientEvents,
  type HostServerEvents,
  type ViewerClientEvents,
  type ViewerServerEvents,
} from '../../shared/events.ts';
import type { StatsSample } from '../../shared/stats-sample.ts';
import type { Tick } from '../../shared/tick.ts';
import { ticketKeyFrom } from '../../server/admission/ticket-key.ts';
import { createTicketSigner } from '../../server/admission/ticket-signer.ts';
import { VIEWER_TICKET_TTL_MS } from '../../shared/limits.ts';
import { TEST_HOST_TOKEN, TEST_TICKET_KEY } from './start-test-server.ts';

export type ViewerSocket = Socket<ViewerServerEvents, ViewerClientEvents>;
export type HostSocket = Socket<HostServerEvents, HostClientEvents>;

const testSigner = createTicketSigner(ticketKeyFrom(TEST_TICKET_KEY));

/**
 * A viewer ticket for `sessionId`, signed with the test servers' key: what `POST /api/public/events/:id/ticket` mints.
 */
export const testTicket = (eventId: string, sessionId: string, now = Date.now()): string =>
  testSigner.mint(eventId, now, VIEWER_TICKET_TTL_MS, sessionId).ticket;

/**
 * `body` (a handshake auth or a beacon) with a ticket for its `eventId` and `sessionId` added, as a page that fetched
 * one would present it; unchanged when it has a `ticket` key of its own (set it to undefined to send none).
 */
export function withTestTicket<T>(body: T): T {
  if (typeof body !== 'object' || body === null || 'ticket' in body) return body;
  const { eventId, sessionId } = body as { eventId?: unknown; sessionId?: unknown };
  return typeof eventId === 'string' && typeof sessionId === 'string'
    ? { ...body, ticket: testTicket(eventId, sessionId) }
    : body;
}

/** Opens a viewer socket; `auth` gets a ticket as `withTestTicket` adds it. */
export function viewerSocket(url: string, auth: Record<string, unknown>, ua?: string): ViewerSocket {
  return io(`${url}${VIEWER_NAMESPACE}`, {
    auth: withTestTicket(auth),
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: ua ? { 'user-agent': ua } : {},
  });
}

export function hostSocket(url: string, token = TEST_HOST_TOKEN): HostSocket {
  return io(`${url}${HOST_NAMESPACE}`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Collects every tick a host receives. */
export function collectTicks(host: HostSocket): Tick[] {
  const ticks: Tick[] = [];
  host.on('tick', (tick) => ticks.push(tick));
  return ticks;
}

export const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

/**
 * A synthetic AV1 viewer sample at second `i` (cumulative counters growing at ~1.2 Mbit/s, 30 fps), with
 * the wall clock as its timestamp so the server sees fresh data.
 */
export function av1Sample(seq: number, t: number, ss = 1165818084): StatsSample {
  return {
    seq,
    t,
    st: 'connected',
    vis: 'v',
    vi: {
      ss,
      c: 'AV1',
      by: 150_000 * seq,
      pr: 130 * seq,
      pl: 0,
      fd: 30 * seq,
      fdr: 0,
      kf: 1,
      w: 1280,
      h: 720,
      fps: 30,
      fz: 0,
      fzd: 0,
      jbd: 0.02 * 30 * seq,
      jbe: 30 * seq,
    },
    au: {
      ss: 88063718,
      c: 'OPUS',
      by: 4_000 * seq,
      pr: 50 * seq,
      pl: 0,
      j: 0.002,
      tsr: 48_000 * seq,
      cs: 0,
      scs: 0,
      jbd: 0.05 * 48_000 * seq,
      jbe: 48_000 * seq,
    },
    ne: { rtt: 0.02, lt: 'host', rt: 'host', pr: 'udp', spc: 1 },
  };
}

/** The sockets one test opens, so a single `closeAll()` in afterEach disconnects every one of them. */
export function socketPool() {
  const open: Socket[] = [];
  return {
    /** A connected viewer socket. */
    async viewer(url: string, auth: Record<string, unknown>, ua?: string): Promise<ViewerSocket> {
      const socket = viewerSocket(url, auth, ua);
      open.push(socket);
      await connected(socket);
      return socket;
    },
    host(url: string, token?: string): HostSocket {
      const socket = hostSocket(url, token);
      open.push(socket);
      return socket;
    },
    closeAll(): void {
      for (const socket of open.splice(0)) socket.disconnect();
    },
  };
}
