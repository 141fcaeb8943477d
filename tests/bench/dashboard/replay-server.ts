/**
 * @module Replays a recorded stream to real dashboards at 1×: the built client (with the production security
 * headers), the host REST reads the page makes, and the `/host` socket.io namespace of shared/events.ts with the
 * production engine options (compression included). It starts at the recording's `openMs`, with the hour before it
 * as history; every second it sends the next tick, the broadcaster's upload status, and the failures, questions,
 * markers and alert notices due. No login: every request is the host. Loopback only.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { Server, type Namespace } from 'socket.io';
import { DEFAULT_ALERT_RULES } from '../../../shared/alert-defaults.ts';
import type { KansokuEvent } from '../../../shared/event.ts';
import type { Marker } from '../../../shared/marker.ts';
import { HOST_NAMESPACE, type HostClientEvents, type HostServerEvents } from '../../../shared/events.ts';
import { ok } from '../../../shared/result.ts';
import type { Tick } from '../../../shared/tick.ts';
import { securityHeaders } from '../../../server/http/security-headers.ts';
import { mountClient } from '../../../server/http/static-client.ts';
import { SOCKET_SERVER_OPTIONS } from '../../../server/socket-options.ts';
import { publisherStatus, uploadPoints } from './publisher-stream.ts';
import { alertsAt, markersUpTo, questionAt, questionsUpTo } from './side-events.ts';
import { rowsAt, ticksUpTo, type ReplayStream } from './stream.ts';

const SNAPSHOT_TICKS = 300;
const ROOM = 'bench';

export type Replay = {
  url: string;
  /** Called after each second's messages went out, with the wall time and how many of them were new questions. */
  onSecond(listener: (wallMs: number, questions: number) => void): void;
  /** Called when the page asks for the viewer list (the table refresh), with the wall time. */
  onViewerList(listener: (wallMs: number) => void): void;
  /** Paths the page asked for that the replay does not serve (should stay empty). */
  unknown: Set<string>;
  close(): Promise<void>;
};

export async function startReplay(s: ReplayStream, clientDir: string): Promise<Replay> {
  // Whole seconds, so that the replayed ticks fall on the wall clock's seconds as live ones do.
  const wall0 = Math.floor(Date.now() / 1_000) * 1_000;
  const shift = wall0 - s.openMs;
  /** Recording time now. */
  const rec = (): number => Date.now() - shift;
  const at = (tick: Tick): Tick => ({ ...tick, t: tick.t + shift });
  const available = (): number => ticksUpTo(s, rec() - 1_000);
  const iso = (t: number) => new Date(t + shift).toISOString();
  const event: KansokuEvent = {
    id: s.eventId,
    title: s.title,
    scheduledStart: iso(s.startMs),
    phase: 'live',
    sora: {
      signalingUrls: ['wss://sora.example.invalid/signaling'],
      channelId: 'bench',
      videoCodecType: 'AV1',
      metadata: null,
      minChromeVersion: 90,
    },
    discord: { guildId: null, channelId: null, registrationPattern: null },
    createdAt: iso(s.startMs - 86_400_000),
    updatedAt: iso(s.startMs),
  };
  const secondListeners: Array<(wallMs: number, questions: number) => void> = [];
  const listListeners: Array<(wallMs: number) => void> = [];
  const unknown = new Set<string>();

  const http = new Hono();
  http.use('*', securityHeaders());
  const session = { via: 'session', expiresAt: wall0 + 12 * 3_600_000 };
  http.get('/api/session', (c) => c.json(session));
  http.post('/api/login', (c) => c.json(session));
  http.get('/api/events', (c) => c.json([event]));
  const ev = new Hono();
  ev.get('/', (c) => c.json(event));
  ev.get('/live', (c) => {
    const i = available();
    return c.json(c.req.query('phase') === 'live' && i > 0 ? at(s.ticks[i - 1] as Tick) : null);
  });
  ev.get('/ticks', (c) => {
    const since = Number(c.req.query('since') ?? 0) - shift;
    const limit = Number(c.req.query('limit') ?? 3_600);
    const ticks = c.req.query('phase') === 'live' ? s.ticks.slice(0, available()).filter((t) => t.t >= since) : [];
    return c.json(ticks.slice(-limit).map(at));
  });
  ev.get('/viewers', (c) => {
    const wall = Date.now();
    for (const l of listListeners) l(wall);
    return c.json(c.req.query('phase') === 'live' ? rowsAt(s, rec(), shift) : []);
  });
  ev.get('/viewers/:session/history', (c) => c.json([]));
  ev.get('/failures', (c) => {
    const limit = Number(c.req.query('limit') ?? 100);
    const now = rec();
    const due = s.failures.filter((f) => f.t <= now).slice(-limit);
    return c.json(due.reverse().map((f) => ({ ...f, t: f.t + shift })));
  });
  ev.get('/markers', (c) => c.json(markersUpTo(s, rec(), shift)));
  ev.get('/alerts', (c) => {
    const { active, log } = alertsAt(s, rec(), shift);
    return c.json({ active, log });
  });
  ev.get('/alert-rules', (c) => c.json({ rules: DEFAULT_ALERT_RULES, webhook: null }));
  ev.get('/publisher', (c) =>
    c.json({ status: publisherStatus(s, rec(), shift), points: uploadPoints(s, rec() - 1_000, shift) }),
  );
  http.route(`/api/events/${s.eventId}`, ev);
  http.all('/api/*', (c) => {
    unknown.add(c.req.path);
    return c.json({ ok: false, error: 'not-found', message: 'not in the replay' }, 404);
  });
  mountClient(http, clientDir);

  const server: HttpServer = createServer(getRequestListener(http.fetch));
  const io = new Server(server, SOCKET_SERVER_OPTIONS);
  const hosts: Namespace<HostClientEvents, HostServerEvents> = io.of(HOST_NAMESPACE);
  hosts.on('connection', (socket) => {
    socket.on('host:subscribe', (_request, ack) => {
      void socket.join(ROOM);
      const i = available();
      ack(ok({ event, phase: 'live', ticks: s.ticks.slice(Math.max(0, i - SNAPSHOT_TICKS), i).map(at) }));
    });
    socket.on('host:unsubscribe', (_request, ack) => {
      void socket.leave(ROOM);
      ack(ok(null));
    });
    socket.on('questions:list', (_request, ack) => {
      const questions = Array.from({ length: questionsUpTo(s, rec()) }, (_, n) => questionAt(s, n, shift));
      const status = { state: 'disabled' as const, since: wall0 };
      ack(ok({ questions, registrations: Math.round(s.sessions.length * 1.3), status }));
    });
    socket.on('question:act', (request, ack) => {
      const n = Number(/(\d+)$/.exec(request.questionId)?.[1] ?? 0);
      ack(ok({ ...questionAt(s, n, shift), answered: request.action === 'answer' }));
    });
  });

  let sent = available();
  let sentFailures = s.failures.findIndex((f) => f.t > rec());
  let sentQuestions = questionsUpTo(s, rec());
  let sentMarkers = markersUpTo(s, rec(), shift).length;
  const room = hosts.to(ROOM);
  const second = (): void => {
    const now = rec();
    for (const i = available(); sent < i; sent += 1) room.emit('tick', at(s.ticks[sent] as Tick));
    for (; sentFailures >= 0 && sentFailures < s.failures.length; sentFailures += 1) {
      const f = s.failures[sentFailures];
      if (!f || f.t > now) break;
      room.emit('failure:new', { ...f, t: f.t + shift });
    }
    const questionsBefore = sentQuestions;
    for (const q = questionsUpTo(s, now); sentQuestions < q; sentQuestions += 1)
      room.emit('question:new', questionAt(s, sentQuestions, shift));
    const markers = markersUpTo(s, now, shift);
    for (; sentMarkers < markers.length; sentMarkers += 1) room.emit('marker:new', markers[sentMarkers] as Marker);
    for (const n of alertsAt(s, now, shift).now) room.emit(n.kind === 'raised' ? 'alert:raised' : 'alert:cleared', n);
    room.emit('publisher:status', publisherStatus(s, now, shift));
    const wall = Date.now();
    for (const l of secondListeners) l(wall, sentQuestions - questionsBefore);
  };
  // Ticks go out just after each recorded second closes, as the server's tick loop sends them.
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    const delay = 1_000 - (rec() % 1_000) + 20;
    timer = setTimeout(() => {
      second();
      schedule();
    }, delay);
  };
  schedule();

  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo));
  });
  return {
    url: `http://127.0.0.1:${address.port}`,
    onSecond: (l) => void secondListeners.push(l),
    onViewerList: (l) => void listListeners.push(l),
    unknown,
    close: async () => {
      clearTimeout(timer);
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}
