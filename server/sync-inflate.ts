/**
 * @module Synchronous permessage-deflate inflation for one ws connection (issue 11). ws inflates every incoming
 * message through the libuv threadpool in three round trips (data, trailer, flush), behind a process-wide limit of
 * four at a time; at 2,000 batches a second that queueing and its callbacks were a quarter of the server's busy time
 * in the 10,000-viewer profile, for ~2.5 KB of output per message. Here the socket's own inflate context is driven
 * with zlib's synchronous call — same context takeover, same window, same output, ~14 µs a batch — into a scratch
 * buffer shared by every connection of the server, so no socket keeps an output buffer of its own. The result is
 * handed back on the next tick, as ws's asynchronous path does (its receiver expects that).
 */
import zlib from 'node:zlib';

/** The parts of ws's PerMessageDeflate (ws 8) this module reads and replaces. */
export type PerMessageDeflateLike = {
  _isServer: boolean;
  _maxPayload: number;
  _options: { zlibInflateOptions?: zlib.ZlibOptions };
  _inflate: zlib.InflateRaw | null;
  params: Record<string, unknown> | null;
  decompress(data: Buffer, fin: boolean, callback: (err: Error | null, result?: Buffer) => void): void;
};

/** zlib's native context behind a stream: the synchronous call `zlib.inflateRawSync` itself uses. */
type Handle = {
  writeSync(
    flush: number,
    input: Buffer,
    inOff: number,
    inLen: number,
    out: Buffer,
    outOff: number,
    outLen: number,
  ): void;
};
type Internals = { _handle?: Handle | null; _writeState?: Uint32Array };

const TRAILER = Buffer.from([0x00, 0x00, 0xff, 0xff]);
const OURS = Symbol('kansoku-sync-inflate');

/** Whether this Node exposes what the synchronous path needs (else ws's own path stays). */
export function canInflateSync(): boolean {
  const probe = zlib.createInflateRaw() as unknown as Internals;
  const ok = typeof probe._handle?.writeSync === 'function' && probe._writeState instanceof Uint32Array;
  (probe as unknown as zlib.InflateRaw).close();
  return ok;
}

/**
 * Inflates `input` into `scratch` (growing a list of copies when it is larger), at most `limit` bytes plus one chunk:
 * a message over the limit comes back longer than it, and ws's receiver refuses it (1009) without it being inflated
 * whole. Throws when the stream is corrupt (the inflate stream is then destroyed).
 */
function inflateSync(inflate: zlib.InflateRaw, input: Buffer, scratch: Buffer, limit: number): Buffer {
  const { _handle: handle, _writeState: state } = inflate as unknown as Internals;
  if (!handle || !state) throw new Error('inflate stream closed');
  const parts: Buffer[] = [];
  let total = 0;
  let inOff = 0;
  let availIn = input.length;
  for (;;) {
    handle.writeSync(zlib.constants.Z_SYNC_FLUSH, input, inOff, availIn, scratch, 0, scratch.length);
    if (inflate.destroyed) throw new Error('invalid compressed data');
    const availOut = state[0] as number;
    const availInAfter = state[1] as number;
    const have = scratch.length - availOut;
    if (have > 0) parts.push(Buffer.from(scratch.subarray(0, have)));
    total += have;
    inOff += availIn - availInAfter;
    availIn = availInAfter;
    if (availOut !== 0 || (limit > 0 && total > limit)) break; // done, or already too long
  }
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, total);
}

/** Replaces `ext.decompress` (this connection only) with the synchronous path; `scratch` is shared by the server. */
export function useSyncInflate(ext: PerMessageDeflateLike, scratch: Buffer): void {
  const asyncDecompress = ext.decompress.bind(ext);
  ext.decompress = (data, fin, callback) => {
    // A context ws already opened (a frame that came with the upgrade request) stays on ws's path.
    if (ext._inflate && !(OURS in ext._inflate)) return asyncDecompress(data, fin, callback);
    const endpoint = ext._isServer ? 'client' : 'server';
    if (!ext._inflate) {
      const bits = ext.params?.[`${endpoint}_max_window_bits`];
      const inflate = zlib.createInflateRaw({
        ...ext._options.zlibInflateOptions,
        chunkSize: zlib.constants.Z_MIN_CHUNK, // its own output buffer goes unused: output lands in `scratch`
        windowBits: typeof bits === 'number' ? bits : zlib.constants.Z_DEFAULT_WINDOWBITS,
      });
      inflate.on('error', () => undefined); // reported below, from `destroyed`, to this message's callback
      Object.defineProperty(inflate, OURS, { value: true });
      ext._inflate = inflate;
    }
    const inflate = ext._inflate;
    let result: Buffer;
    try {
      result = inflateSync(inflate, fin ? Buffer.concat([data, TRAILER]) : data, scratch, ext._maxPayload);
      if (fin && ext.params?.[`${endpoint}_no_context_takeover`]) inflate.reset();
    } catch (error) {
      inflate.close();
      ext._inflate = null;
      process.nextTick(callback, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    process.nextTick(callback, null, result);
  };
}
