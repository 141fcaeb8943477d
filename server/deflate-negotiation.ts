/**
 * @module engine.io's `wsEngine`: a ws server that accepts every permessage-deflate offer (Firefox's, Safari's,
 * Chromium's) and inflates incoming messages synchronously (server/sync-inflate.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type PerMessageDeflateOptions, type WebSocket } from 'ws';
import { canInflateSync, useSyncInflate, type PerMessageDeflateLike } from './sync-inflate.ts';

/**
 * Whether some `permessage-deflate` offer in a `Sec-WebSocket-Extensions` header carries `client_max_window_bits`
 * with no value or a value of at least `bits`, i.e. whether ws would accept it with `clientMaxWindowBits: bits`.
 * Chromium offers the bare parameter; Firefox and Safari offer `permessage-deflate` alone.
 */
export function offersClientWindow(header: string | undefined, bits: number): boolean {
  if (header === undefined) return false;
  return header.split(',').some((offer) => {
    const [name, ...params] = offer.split(';').map((part) => part.trim().toLowerCase());
    if (name !== 'permessage-deflate') return false;
    return params.some((param) => {
      const [key, raw] = param.split('=').map((s) => s.trim());
      if (key !== 'client_max_window_bits') return false;
      if (raw === undefined) return true;
      const value = Number(raw.replace(/^"|"$/g, ''));
      return Number.isInteger(value) && value >= bits;
    });
  });
}

type Callback = (client: WebSocket, request: IncomingMessage) => void;

/**
 * ws refuses (HTTP 400) an offer without `client_max_window_bits` when `clientMaxWindowBits` is a number, since
 * RFC 7692 lets the server limit the client's window only if the client offered the parameter. This server picks
 * the options per request: the configured ones when the offer allows them, otherwise the same minus
 * `clientMaxWindowBits` (the client then compresses with its default 32 KB window, and the server inflates with it).
 */
export class DeflateNegotiatingServer extends WebSocketServer {
  /** Output buffer of every synchronous inflation on this server (one at a time: they run on this thread). */
  #scratch: Buffer | null = canInflateSync()
    ? Buffer.allocUnsafe(Math.max(16 * 1024, this.options.maxPayload ?? 0))
    : null;

  override handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, upgraded: Callback): void {
    const scratch = this.#scratch;
    const callback: Callback = (client, req) => {
      // ws keeps the negotiated extension on the socket (`_extensions`, not in its types); its receiver reads it per
      // frame.
      const ext = (client as unknown as { _extensions?: Record<string, PerMessageDeflateLike> })._extensions?.[
        'permessage-deflate'
      ];
      if (ext && scratch) useSyncInflate(ext, scratch);
      upgraded(client, req);
    };
    const configured = this.options.perMessageDeflate;
    const bits = typeof configured === 'object' ? configured.clientMaxWindowBits : undefined;
    if (
      typeof configured !== 'object' ||
      bits === undefined ||
      offersClientWindow(request.headers['sec-websocket-extensions'], bits)
    ) {
      return super.handleUpgrade(request, socket, head, callback);
    }
    const { clientMaxWindowBits: _dropped, ...withoutClientWindow }: PerMessageDeflateOptions = configured;
    // ws reads `options.perMessageDeflate` synchronously inside handleUpgrade (to build this socket's
    // PerMessageDeflate, before any callback or await), so swapping it for the length of the call is safe.
    this.options.perMessageDeflate = withoutClientWindow;
    try {
      super.handleUpgrade(request, socket, head, callback);
    } finally {
      this.options.perMessageDeflate = configured;
    }
  }
}
