/**
 * @module The socket.io engine options of the server; the benchmark's bare baseline server (tests/bench) uses the same.
 */
import type { ServerOptions } from 'socket.io';
import { MAX_FRAME_BYTES } from '../shared/limits.ts';
import { DeflateNegotiatingServer } from './deflate-negotiation.ts';

/**
 * WebSocket compression: viewer samples repeat their keys, so a small shared window shrinks them ~5×. The 11-bit
 * client window applies to clients that offer `client_max_window_bits` (Chromium); Firefox and Safari offer plain
 * `permessage-deflate` and keep their default window (DeflateNegotiatingServer), instead of being refused.
 */
const perMessageDeflate = {
  threshold: 256,
  serverNoContextTakeover: true,
  clientMaxWindowBits: 11,
  serverMaxWindowBits: 11,
  concurrencyLimit: 4,
  // Each socket keeps an inflate stream; zlib's default 16 KB output buffer per stream is 160 MB at 10,000 viewers,
  // while an inflated batch is 1–3 KB. Larger outputs are still handled (in several chunks). Only ws's own
  // (asynchronous) path uses it: DeflateNegotiatingServer inflates synchronously into one shared buffer.
  zlibInflateOptions: { chunkSize: 4 * 1024 },
};

export const SOCKET_SERVER_OPTIONS = {
  maxHttpBufferSize: MAX_FRAME_BYTES,
  perMessageDeflate,
  wsEngine: DeflateNegotiatingServer,
  serveClient: false,
  cors: { origin: true },
} satisfies Partial<ServerOptions>;
