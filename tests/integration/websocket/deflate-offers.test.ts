/**
 * Every standard permessage-deflate offer upgrades the viewer's socket.io WebSocket (101): Firefox's and Safari's
 * bare `permessage-deflate` (which ws alone refused with 400), Chromium's with `client_max_window_bits` (answered
 * with the 11-bit client window), and no offer at all; a socket.io viewer offering like Firefox has its samples acked.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWER_NAMESPACE } from '../../../shared/events.ts';
import type { Tick } from '../../../shared/tick.ts';
import { av1Sample, connected, waitFor, withTestTicket, type ViewerSocket } from '../../helpers/clients.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';

const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

type Upgrade = { status: number; extensions: string | undefined };

/** A raw WebSocket upgrade to engine.io's endpoint; resolves with the status and the answered extensions. */
function upgrade(url: string, extensions?: string): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/socket.io/?EIO=4&transport=websocket`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...(extensions === undefined ? {} : { 'sec-websocket-extensions': extensions }),
      },
    });
    req.once('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, extensions: res.headers['sec-websocket-extensions'] });
    });
    req.once('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, extensions: res.headers['sec-websocket-extensions'] });
    });
    req.once('error', reject);
    req.end();
  });
}

describe('permessage-deflate offers on the viewer WebSocket', () => {
  it('accepts Firefox’s bare offer without limiting the client window', async () => {
    const answer = await upgrade(server.url, 'permessage-deflate');
    expect(answer.status).toBe(101);
    expect(answer.extensions).toMatch(/^permessage-deflate\b/);
    expect(answer.extensions).not.toContain('client_max_window_bits');
  });

  it('answers Chromium’s offer with the 11-bit client window', async () => {
    const answer = await upgrade(server.url, 'permessage-deflate; client_max_window_bits');
    expect(answer.status).toBe(101);
    expect(answer.extensions).toMatch(/^permessage-deflate\b/);
    expect(answer.extensions).toContain('client_max_window_bits=11');
  });

  it('keeps a client’s own smaller window instead of refusing it', async () => {
    const answer = await upgrade(server.url, 'permessage-deflate; client_max_window_bits=9');
    expect(answer.status).toBe(101);
    expect(answer.extensions).toContain('client_max_window_bits=9');
  });

  it('upgrades without compression when nothing is offered', async () => {
    expect(await upgrade(server.url)).toEqual({ status: 101, extensions: undefined });
  });

  it('still refuses a malformed offer', async () => {
    expect((await upgrade(server.url, 'permessage-deflate; client_max_window_bits=abc')).status).toBe(400);
  });

  it('acks the samples of a socket.io viewer offering deflate as Firefox does', async () => {
    const event = await server.createEvent();
    const offers: Array<string | undefined> = [];
    server.app.io
      .of(VIEWER_NAMESPACE)
      .on('connection', (socket) => offers.push(socket.handshake.headers['sec-websocket-extensions']));
    // ws's client offers plain `permessage-deflate` with clientMaxWindowBits: false, and fails the handshake if the
    // answer limits its window anyway; threshold 0 compresses every frame, so the server must inflate them.
    const firefoxDeflate = { threshold: 0, clientMaxWindowBits: false as const };
    const viewer: ViewerSocket = io(`${server.url}${VIEWER_NAMESPACE}`, {
      auth: withTestTicket({ eventId: event.id, sessionId: 'viewer-firefox-0001' }),
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      perMessageDeflate: firefoxDeflate,
      extraHeaders: { 'user-agent': FIREFOX_UA },
    });
    try {
      await connected(viewer);
      expect(offers).toEqual(['permessage-deflate']);
      const transport = viewer.io.engine.transport as unknown as { ws: { extensions: string } };
      expect(transport.ws.extensions).toBe('permessage-deflate');
      expect(await viewer.emitWithAck('viewer:hello', {})).toMatchObject({ ok: true, data: { lastSeq: 0 } });
      const t0 = Date.now() - 5000;
      const ack = await viewer.emitWithAck('viewer:stats', {
        samples: [1, 2, 3, 4].map((seq) => av1Sample(seq, t0 + seq * 1000)),
      });
      expect(ack).toMatchObject({ ok: true, data: { ackSeq: 4 } });
      await waitFor(
        async () => {
          const live = (await (await server.api(`/api/events/${event.id}/live`)).json()) as Tick;
          return live.viewers.watching === 1 ? live : undefined;
        },
        5000,
        'the Firefox viewer counted as watching',
      );
    } finally {
      viewer.disconnect();
    }
  });
});
