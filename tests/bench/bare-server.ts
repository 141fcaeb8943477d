/**
 * @module The benchmark's baseline: a bare socket.io server with Kansoku's engine options (compression included)
 * that speaks just enough of the viewer protocol to keep the load generator going (acks with the same cadence
 * rule), and only counts: no validation, no state, no ticks, no storage. `GET /stats` returns the counts. Prints `bare listening on <url>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { SOCKET_SERVER_OPTIONS } from '../../server/socket-options.ts';
import { fullAcks, statsAck, welcomed } from '../../server/viewers/compact-acks.ts';
import { VIEWER_NAMESPACE } from '../../shared/events.ts';
import {
  BIG_AUDIENCE_SEND_INTERVAL_MS,
  BIG_AUDIENCE_VIEWERS,
  DEFAULT_SEND_INTERVAL_MS,
  VIEWER_GRACE_MS,
} from '../../shared/limits.ts';

type Ack = (result: unknown) => void;
const counts = { messages: 0, samples: 0, connections: 0 };

const http = createServer((req, res) => {
  if (req.url !== '/stats') return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
});
const io = new Server(http, SOCKET_SERVER_OPTIONS);
const viewers = io.of(VIEWER_NAMESPACE);

// The real server's cadence rule on the same count: per event, sessions connected or gone for less than the grace period.
const audiences = new Map<string, Map<string, number | null>>(); // event → session → disconnected at (null while connected)
setInterval(() => {
  const now = Date.now();
  for (const sessions of audiences.values()) {
    for (const [id, gone] of sessions) if (gone !== null && now - gone > VIEWER_GRACE_MS) sessions.delete(id);
  }
}, 1_000).unref();

viewers.on('connection', (socket) => {
  counts.connections += 1;
  const auth = socket.handshake.auth as { eventId?: unknown; sessionId?: unknown };
  const eventId = String(auth.eventId);
  const sessionId = String(auth.sessionId);
  const sessions = audiences.get(eventId) ?? new Map<string, number | null>();
  audiences.set(eventId, sessions.set(sessionId, null));
  socket.on('disconnect', () => sessions.set(sessionId, Date.now()));
  const interval = (): number =>
    sessions.size > BIG_AUDIENCE_VIEWERS ? BIG_AUDIENCE_SEND_INTERVAL_MS : DEFAULT_SEND_INTERVAL_MS;
  // The same ack forms as Kansoku's (compact when the hello asks), so the wire comparison holds.
  const acks = fullAcks();
  socket.on('viewer:hello', (hello: { acks?: unknown } | null, ack: Ack) => {
    const sendIntervalMs = interval();
    welcomed(acks, hello?.acks === 'compact', sendIntervalMs, Date.now());
    ack({ ok: true, data: { lastSeq: 0, sendIntervalMs } });
  });
  socket.on('viewer:stats', (batch: { samples: Array<{ seq: number }> }, ack: Ack) => {
    counts.messages += 1;
    counts.samples += batch.samples.length;
    ack({ ok: true, data: statsAck(acks, batch.samples.at(-1)?.seq ?? 0, interval(), Date.now()) });
  });
  for (const event of ['viewer:funnel', 'viewer:failure', 'viewer:preflight', 'viewer:sfu-count']) {
    socket.on(event, (_payload: unknown, ack: Ack) => {
      counts.messages += 1;
      ack({ ok: true, data: null });
    });
  }
});

http.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`bare listening on http://127.0.0.1:${(http.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
