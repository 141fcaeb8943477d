/**
 * @module A fake Sora for e2e tests: the subset of Sora's WebSocket signaling that sora-js-sdk 2026.1.0 needs
 * (reference sora.md §2.8: connect → offer with all candidates → answer / candidate; notify, disconnect), media from
 * a Chromium publisher page, Sora-style event and auth webhooks to Kansoku, and per-channel failure scenarios.
 */
import { createServer, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Publisher } from './publisher.ts';
import { scenarioFor, type Scenario, type ScenarioBook } from './scenarios.ts';
import { withoutCandidates, withUnreachableCandidate } from './sdp.ts';
import { soraId } from './sora-ids.ts';
import { callAuthWebhook, postEventWebhook, type WebhookTarget } from './webhooks.ts';

export type FakeSoraOptions = {
  publisher: Publisher;
  /** A port where nothing listens (for the unreachable-candidate scenario). */
  deadPort: number;
  eventWebhook?: WebhookTarget;
  authWebhook?: WebhookTarget;
  /** `ping` to connected viewers this often (default 2 s); the SDK answers `pong`. */
  pingIntervalMs?: number;
};

export type FakeConnection = {
  connectionId: string;
  channelId: string;
  /** `recvonly` for viewers; `sendonly` for a broadcaster (its media goes to the fake's receiving peer). */
  role: string;
  metadata: unknown;
  state: 'connecting' | 'offered' | 'connected' | 'closed';
  closeCode: number | null;
  /** `pong` answers received. */
  pongs: number;
};

export type FakeSora = {
  /** `ws://127.0.0.1:<port>/signaling` */
  url: string;
  scenarios: ScenarioBook;
  connections: FakeConnection[];
  /** Channel recvonly count as Sora would report it. */
  recvonly(channelId: string): number;
  /** Resolves when every webhook sent so far has been answered. */
  webhooksSettled(): Promise<void>;
  close(): Promise<void>;
};

const send = (ws: WebSocket, message: Record<string, unknown>): void => {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
};

/** The viewer's trickled candidate (`RTCIceCandidate.toJSON()` plus `type`), keeping only well-typed fields. */
function candidateOf(message: Record<string, unknown>): RTCIceCandidateInit {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const index = typeof message.sdpMLineIndex === 'number' ? message.sdpMLineIndex : undefined;
  return {
    candidate: text(message.candidate),
    sdpMid: text(message.sdpMid),
    sdpMLineIndex: index,
    usernameFragment: text(message.usernameFragment),
  };
}

export async function startFakeSora(options: FakeSoraOptions): Promise<FakeSora> {
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, path: '/signaling' });
  const scenarios: ScenarioBook = new Map();
  const connections: FakeConnection[] = [];
  const deliveries: Array<Promise<unknown>> = [];
  const counted = (channelId: string) =>
    connections.filter((c) => c.channelId === channelId && c.role === 'recvonly' && c.state === 'connected').length;

  const eventWebhook = (type: string, conn: FakeConnection, data: Record<string, unknown> = {}) => {
    if (!options.eventWebhook) return;
    const recvonly = counted(conn.channelId);
    deliveries.push(
      postEventWebhook(options.eventWebhook, {
        type,
        id: soraId(),
        timestamp: new Date().toISOString(),
        label: 'Fake Sora',
        version: 'fake',
        node_name: 'fake@127.0.0.1',
        role: conn.role,
        channel_id: conn.channelId,
        connection_id: conn.connectionId,
        client_id: conn.connectionId,
        data: { channel_recvonly_connections: recvonly, channel_connections: recvonly + 1, ...data },
      }),
    );
  };

  async function onConnect(
    ws: WebSocket,
    conn: FakeConnection,
    message: Record<string, unknown>,
    scenario: Scenario,
  ): Promise<void> {
    if (scenario.auth && options.authWebhook) {
      const answer = await callAuthWebhook(options.authWebhook, {
        timestamp: new Date().toISOString(),
        id: soraId(),
        role: conn.role,
        channel_id: conn.channelId,
        connection_id: conn.connectionId,
        metadata: conn.metadata,
        channel_recvonly_connections: counted(conn.channelId),
      });
      // Sora closes the signaling WebSocket with a 4xxx code when the auth webhook denies (code assumed).
      if (!answer.allowed) return void ws.close(4001, (answer.reason ?? 'AUTH-WEBHOOK-DENIED').slice(0, 120));
    }
    if (scenario.reject) return void ws.close(scenario.reject.code, scenario.reject.reason);
    if (scenario.noOffer) return;
    const video = message.video as { codec_type?: string } | boolean | undefined;
    const codec = typeof video === 'object' && video?.codec_type ? video.codec_type : 'VP9';
    // A broadcaster gets a receiving offer and the m-line ids to send on (Sora's `mid`); a viewer a sending one.
    const receiving =
      conn.role !== 'recvonly' ? await options.publisher.createReceiveOffer(conn.connectionId, codec) : null;
    let sdp = receiving ? receiving.sdp : await options.publisher.createOffer(conn.connectionId, codec);
    if (scenario.unreachableIce) sdp = withUnreachableCandidate(sdp, options.deadPort);
    conn.state = 'offered';
    send(ws, {
      type: 'offer',
      sdp,
      ...(receiving ? { mid: receiving.mid } : {}),
      connection_id: conn.connectionId,
      client_id: conn.connectionId,
      session_id: soraId(),
      channel_id: conn.channelId,
      simulcast: false,
      spotlight: false,
      config: { iceServers: [] },
    });
  }

  async function onAnswer(ws: WebSocket, conn: FakeConnection, sdp: string, scenario: Scenario): Promise<void> {
    // ICE is symmetric: with the viewer's candidates the publisher would reach it anyway, so they are dropped too.
    if (scenario.unreachableIce)
      return void (await options.publisher.setAnswer(conn.connectionId, withoutCandidates(sdp)));
    await options.publisher.setAnswer(conn.connectionId, sdp);
    conn.state = 'connected';
    const ping = setInterval(() => send(ws, { type: 'ping', stats: false }), options.pingIntervalMs ?? 2_000);
    ws.once('close', () => clearInterval(ping));
    const recvonly = counted(conn.channelId);
    eventWebhook('connection.created', conn);
    send(ws, {
      type: 'notify',
      event_type: 'connection.created',
      role: conn.role,
      connection_id: conn.connectionId,
      timestamp: new Date().toISOString(),
      minutes: 0,
      channel_connections: recvonly + 1,
      channel_sendrecv_connections: 0,
      channel_sendonly_connections: 1,
      channel_recvonly_connections: recvonly,
      turn_transport_type: 'udp',
    });
    const close = scenario.closeAfter;
    if (close && (!close.once || !close.done)) {
      close.done = true;
      setTimeout(() => ws.close(close.code, close.reason ?? ''), close.ms);
    }
  }

  wss.on('connection', (ws) => {
    // A pre-flight reachability probe opens and closes without a word; only `connect` makes a connection.
    let conn: FakeConnection | null = null;
    let scenario: Scenario = {};
    ws.on('message', (raw) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(String(raw)) as Record<string, unknown>;
      } catch {
        return void ws.close(4400, 'bad json');
      }
      if (message.type === 'connect' && conn === null) {
        conn = {
          connectionId: soraId(),
          channelId: String(message.channel_id),
          role: typeof message.role === 'string' ? message.role : 'recvonly',
          metadata: message.metadata,
          state: 'connecting',
          closeCode: null,
          pongs: 0,
        };
        connections.push(conn);
        scenario = scenarioFor(scenarios, conn.channelId);
        void onConnect(ws, conn, message, scenario).catch(() => ws.close(4500, 'fake sora error'));
      } else if (message.type === 'answer' && conn) {
        void onAnswer(ws, conn, String(message.sdp), scenario).catch(() => ws.close(4500, 'fake sora error'));
      } else if (message.type === 'candidate' && conn && !scenario.unreachableIce) {
        void options.publisher.addCandidate(conn.connectionId, candidateOf(message));
      } else if (message.type === 'pong' && conn) {
        conn.pongs += 1;
      } else if (message.type === 'disconnect') {
        ws.close(1000, '');
      }
    });
    ws.on('close', (code) => {
      if (!conn) return;
      const wasConnected = conn.state === 'connected';
      const offered = conn.state === 'offered';
      conn.state = 'closed';
      conn.closeCode = code;
      void options.publisher.close(conn.connectionId);
      if (wasConnected)
        eventWebhook('connection.destroyed', conn, {
          type_disconnect_reason: code === 1000 ? 'NO-ERROR' : 'WEBSOCKET-ONCLOSE',
        });
      else if (offered) eventWebhook('connection.failed', conn, { message: 'connection was not established' });
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}/signaling`,
    scenarios,
    connections,
    recvonly: counted,
    webhooksSettled: async () => {
      await Promise.all(deliveries);
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
