/**
 * @module The fake Discord gateway: HELLO, IDENTIFY → READY, heartbeats, dispatches, RESUME replay, INVALID_SESSION,
 * close codes.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { FakeDiscordState } from './fake-state.ts';
import { apiUser } from './fake-payloads.ts';

export type GatewayOptions = {
  token: string;
  applicationId: string;
  heartbeatIntervalMs: number;
  /** The portal's MESSAGE CONTENT toggle; off → an IDENTIFY asking for the intent is closed with 4014. */
  messageContentEnabled: boolean;
  /** Stricter than Discord (which would blank message text): an IDENTIFY lacking these bits is closed with 4014. */
  requiredIntents: number;
  /** Already-delivered frames re-sent on RESUME, to check that clients dedupe at-least-once delivery. */
  resumeReplayOverlap: number;
};

type Frame = { op: 0; t: string; s: number; d: unknown };
type Session = { id: string; seq: number; frames: Frame[]; socket: WebSocket | null };

const MESSAGE_CONTENT = 1 << 15;
const ALL_INTENTS = (1 << 26) - 1;

export class FakeGateway {
  readonly stats = { connections: 0, identifies: 0, resumes: 0, heartbeats: 0 };
  lastIntents: number | null = null;
  private readonly wss = new WebSocketServer({ noServer: true });
  private session: Session | null = null;
  private sessionCount = 0;

  constructor(
    private readonly state: FakeDiscordState,
    private readonly options: GatewayOptions,
    private readonly baseUrl: () => string,
  ) {}

  /** For the HTTP server's `upgrade` event: accepts `/gateway` and `/resume`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/gateway' && url.pathname !== '/resume') return void socket.destroy();
    this.wss.handleUpgrade(request, socket, head, (ws) => this.onConnection(ws, url));
  }

  /** Sends a dispatch to the live session, or buffers it for RESUME; dropped when no session exists (outage). */
  dispatch(t: string, d: unknown): void {
    const session = this.session;
    if (session === null) return;
    const frame: Frame = { op: 0, t, s: ++session.seq, d };
    session.frames.push(frame);
    session.socket?.send(JSON.stringify(frame));
  }

  /** Closes the socket; the session stays resumable and buffers what is dispatched meanwhile. */
  dropConnection(code: number): void {
    const socket = this.session?.socket;
    if (this.session) this.session.socket = null;
    socket?.close(code, 'fake: dropped');
  }

  /** Sends op 9 (d: false) and forgets the session; dispatches go nowhere until the next IDENTIFY. */
  invalidateSession(): void {
    const socket = this.session?.socket;
    this.session = null;
    socket?.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
  }

  openConnections(): number {
    return [...this.wss.clients].filter((client) => client.readyState === client.OPEN).length;
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private onConnection(ws: WebSocket, url: URL): void {
    this.stats.connections++;
    if (url.searchParams.get('v') !== '10') return void ws.close(4012, 'Invalid API version');
    if (url.searchParams.get('encoding') !== 'json') return void ws.close(4002, 'Decode error');
    let authed: Session | null = null;
    ws.on('message', (data) => {
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(String(data)) as { op?: unknown; d?: unknown };
      } catch {
        return void ws.close(4002, 'Decode error');
      }
      if (payload.op === 1) {
        this.stats.heartbeats++;
        return void ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      }
      if (payload.op === 2 || payload.op === 6) {
        // After op 9 the old session is gone, so a fresh IDENTIFY on the same socket is fine.
        if (authed !== null && authed === this.session) return void ws.close(4005, 'Already authenticated');
        authed = payload.op === 2 ? this.identify(ws, payload.d) : this.resume(ws, payload.d);
        return;
      }
      if (authed === null) ws.close(4003, 'Not authenticated');
    });
    ws.on('close', (code) => {
      // Like Discord: a client closing with 1000/1001 ends its session; other codes keep it resumable.
      if (authed !== null && this.session === authed && authed.socket === ws) {
        authed.socket = null;
        if (code === 1000 || code === 1001) this.session = null;
      }
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null }));
  }

  private identify(ws: WebSocket, d: unknown): Session | null {
    const data = (d ?? {}) as { token?: unknown; intents?: unknown };
    if (data.token !== this.options.token) return this.refuse(ws, 4004, 'Authentication failed');
    const intents = data.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || intents > ALL_INTENTS) {
      return this.refuse(ws, 4013, 'Invalid intent(s)');
    }
    this.lastIntents = intents;
    const wantsContent = (intents & MESSAGE_CONTENT) !== 0;
    const missing = (intents & this.options.requiredIntents) !== this.options.requiredIntents;
    if ((wantsContent && !this.options.messageContentEnabled) || missing) {
      return this.refuse(ws, 4014, 'Disallowed intent(s)');
    }
    this.stats.identifies++;
    this.session?.socket?.close(4009, 'fake: superseded');
    const session: Session = { id: `fake-session-${++this.sessionCount}`, seq: 0, frames: [], socket: ws };
    this.session = session;
    this.dispatch('READY', {
      v: 10,
      user: apiUser(this.state.botUser),
      guilds: [{ id: this.state.guildId, unavailable: true }],
      session_id: session.id,
      resume_gateway_url: `${this.baseUrl()}/resume`,
      shard: [0, 1],
      application: { id: this.options.applicationId, flags: 0, flags_new: '0' },
    });
    this.dispatch('GUILD_CREATE', this.state.guildCreate());
    return session;
  }

  private refuse(ws: WebSocket, code: number, reason: string): null {
    ws.close(code, reason);
    return null;
  }

  private resume(ws: WebSocket, d: unknown): Session | null {
    const data = (d ?? {}) as { token?: unknown; session_id?: unknown; seq?: unknown };
    if (data.token !== this.options.token) return this.refuse(ws, 4004, 'Authentication failed');
    const session = this.session;
    if (session === null || session.id !== data.session_id || typeof data.seq !== 'number') {
      ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return null;
    }
    this.stats.resumes++;
    session.socket?.close(4009, 'fake: superseded');
    const from = Math.max(0, data.seq - this.options.resumeReplayOverlap);
    for (const frame of session.frames) {
      if (frame.s > from && frame.t !== 'READY') ws.send(JSON.stringify(frame));
    }
    session.socket = ws;
    this.dispatch('RESUMED', null);
    return session;
  }
}
