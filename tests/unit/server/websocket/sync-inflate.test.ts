/**
 * @module Synchronous inflation (issue 11) against ws's own: the same messages out of the same compressed frames —
 * context takeover over hundreds of batches, Chromium's 11-bit and Firefox's default window, no context takeover,
 * fragments —, callbacks on a later tick as ws's, a bounded answer to a decompression bomb, and corrupt data reported.
 */
import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { connect, initialState, nextSample } from '../../../../server/simulator/sample-model.ts';
import { createRng } from '../../../../server/simulator/prng.ts';
import { drawPersona } from '../../../../server/simulator/viewer-persona.ts';
import { SOCKET_SERVER_OPTIONS } from '../../../../server/socket-options.ts';
import { canInflateSync, useSyncInflate, type PerMessageDeflateLike } from '../../../../server/sync-inflate.ts';

// ws exports these at runtime; its type declarations leave them out.
const { PerMessageDeflate, extension } = ws as unknown as {
  PerMessageDeflate: new (options: Record<string, unknown>) => unknown;
  extension: { format(o: Record<string, object[]>): string; parse(header: string): Record<string, object[]> };
};
const MAX_PAYLOAD = 64 * 1024;
type Ext = PerMessageDeflateLike & {
  compress(data: Buffer, fin: boolean, cb: (e: Error | null, r?: Buffer) => void): void;
};

/** A negotiated client/server pair; `offer` shapes the client's offer like a browser's. */
function pair(
  offer: Record<string, unknown>,
  serverOptions: Record<string, unknown> = SOCKET_SERVER_OPTIONS.perMessageDeflate,
) {
  const client = new PerMessageDeflate({ ...offer, isServer: false }) as unknown as Ext & {
    offer(): object;
    accept(o: unknown): object;
  };
  const header = extension.format({ 'permessage-deflate': [client.offer()] });
  const server = () => {
    const ext = new PerMessageDeflate({
      ...serverOptions,
      isServer: true,
      maxPayload: MAX_PAYLOAD,
    }) as unknown as Ext & {
      accept(o: unknown): object;
    };
    const params = ext.accept(extension.parse(header)['permessage-deflate']);
    return { ext, params };
  };
  const { params } = server();
  client.accept(extension.parse(extension.format({ 'permessage-deflate': [params] }))['permessage-deflate']);
  return { client, params, server: () => server().ext };
}

const compress = (ext: Ext, data: Buffer, fin = true) =>
  new Promise<Buffer>((resolve, reject) => ext.compress(data, fin, (e, r) => (e ? reject(e) : resolve(r as Buffer))));
const decompress = (ext: Ext, data: Buffer, fin = true) =>
  new Promise<Buffer>((resolve, reject) => ext.decompress(data, fin, (e, r) => (e ? reject(e) : resolve(r as Buffer))));

/** socket.io frames of model batches, as a viewer sends them. */
function batches(n: number): Buffer[] {
  const rng = createRng(5);
  let state = connect(initialState(drawPersona(rng), 1_800_000_000_000), rng);
  return Array.from({ length: n }, (_, i) => {
    const samples = Array.from({ length: 1 + (i % 5) }, () => {
      const step = nextSample(state, 1_000, rng);
      state = step.state;
      return step.sample;
    });
    return Buffer.from(`42/viewer,${i}["viewer:stats",${JSON.stringify({ samples })}]`);
  });
}

async function sameAsWs(offer: Record<string, unknown>, serverOptions?: Record<string, unknown>): Promise<void> {
  const { client, server } = pair(offer, serverOptions);
  const frames: Buffer[] = [];
  for (const message of batches(300)) frames.push(await compress(client, message));
  const ws = server();
  const sync = server();
  useSyncInflate(sync, Buffer.allocUnsafe(MAX_PAYLOAD));
  for (const [i, frame] of frames.entries()) {
    const [a, b] = [await decompress(ws, frame), await decompress(sync, frame)];
    expect(b.equals(a), `frame ${i}`).toBe(true);
  }
}

describe('synchronous permessage-deflate inflation', () => {
  it('runs on this Node', () => expect(canInflateSync()).toBe(true));

  it('gives ws’s output over 300 batches with context takeover (Chromium’s offer, 11-bit client window)', async () => {
    expect(pair({ clientMaxWindowBits: true }).params).toHaveProperty('client_max_window_bits', 11);
    await sameAsWs({ clientMaxWindowBits: true });
  });

  it('gives ws’s output with Firefox’s bare offer (default window) and without context takeover', async () => {
    // As DeflateNegotiatingServer answers an offer without client_max_window_bits: the client keeps its 32 KB window.
    const { clientMaxWindowBits: _bits, ...withoutClientWindow } = SOCKET_SERVER_OPTIONS.perMessageDeflate;
    expect(pair({ clientMaxWindowBits: false }, withoutClientWindow).params).not.toHaveProperty(
      'client_max_window_bits',
    );
    await sameAsWs({ clientMaxWindowBits: false }, withoutClientWindow);
    const noTakeover = { ...SOCKET_SERVER_OPTIONS.perMessageDeflate, clientNoContextTakeover: true };
    expect(pair({ clientNoContextTakeover: true }, noTakeover).params).toHaveProperty(
      'client_no_context_takeover',
      true,
    );
    await sameAsWs({ clientNoContextTakeover: true }, noTakeover);
  });

  it('joins fragments, and calls back on a later tick like ws', async () => {
    const { client, server } = pair({ clientMaxWindowBits: true });
    const message = batches(3)[2] as Buffer;
    const first = await compress(client, message.subarray(0, 100), false);
    const last = await compress(client, message.subarray(100), true);
    const sync = server();
    useSyncInflate(sync, Buffer.allocUnsafe(MAX_PAYLOAD));
    let called = false;
    const done = new Promise<Buffer>((resolve) =>
      sync.decompress(first, false, (_e, a) => {
        called = true;
        sync.decompress(last, true, (_e2, b) => resolve(Buffer.concat([a as Buffer, b as Buffer])));
      }),
    );
    expect(called).toBe(false);
    expect((await done).equals(message)).toBe(true);
  });

  it('stops inflating a decompression bomb past the limit, so the receiver refuses it (1009)', async () => {
    const { client, server } = pair({ clientMaxWindowBits: true });
    const bomb = await compress(client, Buffer.alloc(10 * 1024 * 1024));
    const sync = server();
    useSyncInflate(sync, Buffer.allocUnsafe(MAX_PAYLOAD));
    const out = await decompress(sync, bomb);
    expect(out.length).toBeGreaterThan(MAX_PAYLOAD);
    expect(out.length).toBeLessThanOrEqual(2 * MAX_PAYLOAD);
  });

  it('reports corrupt data as an error and drops the broken context', async () => {
    const { server } = pair({ clientMaxWindowBits: true });
    const sync = server();
    useSyncInflate(sync, Buffer.allocUnsafe(MAX_PAYLOAD));
    await expect(decompress(sync, Buffer.from([0xff, 0xff, 0xff, 0x00, 0x12]))).rejects.toThrow();
    expect(sync._inflate).toBeNull();
  });
});
