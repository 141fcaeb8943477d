/**
 * @module The fake Discord REST API under /api/v10: gateway discovery, channel history, own reactions and scripted
 * 429s.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeDiscordState } from './fake-state.ts';

export type RequestRecord = { method: string; path: string; query: Record<string, string>; status: number };

/** The next `count` requests whose path matches answer 429. */
export type RateLimitScript = { path: RegExp; count: number; retryAfterSeconds: number; global: boolean };

export type HttpOptions = {
  token: string;
  /**
   * Answer 401 to a wrong `Authorization: Bot <token>` (as Discord does). Off simulates a token revoked after
   * discovery.
   */
  checkToken: boolean;
  gatewayUrl(): string;
  /** The bot reacted through REST; returns false if the message does not exist. */
  onOwnReaction(channelId: string, messageId: string, emoji: string): boolean;
};

const MESSAGES = /^\/api\/v10\/channels\/(\d+)\/messages$/;
const OWN_REACTION = /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/;

export class FakeHttp {
  readonly requests: RequestRecord[] = [];
  private readonly rateLimits: RateLimitScript[] = [];

  constructor(
    private readonly state: FakeDiscordState,
    private readonly options: HttpOptions,
  ) {}

  rateLimitNext(script: RateLimitScript): void {
    this.rateLimits.push({ ...script });
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const record: RequestRecord = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
    };
    this.requests.push(record);
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      // A 204 must carry no JSON content type: @discordjs/rest would try to parse the empty body.
      const typed = body === undefined ? headers : { 'Content-Type': 'application/json', ...headers };
      response.writeHead(status, typed).end(body === undefined ? undefined : JSON.stringify(body));
    };
    request.resume();
    request.on('end', () => this.route(method, url, request.headers.authorization, send));
  }

  private route(method: string, url: URL, authorization: string | undefined, send: Sender): void {
    if (!url.pathname.startsWith('/api/v10/')) return send(404, { message: '404: Not Found', code: 0 });
    if (this.options.checkToken && authorization !== `Bot ${this.options.token}`) {
      return send(401, { message: '401: Unauthorized', code: 0 });
    }
    const limit = this.rateLimits.find((script) => script.count > 0 && script.path.test(url.pathname));
    if (limit !== undefined) {
      limit.count--;
      const seconds = String(limit.retryAfterSeconds);
      return send(
        429,
        { message: 'You are being rate limited.', retry_after: limit.retryAfterSeconds, global: limit.global },
        {
          'Retry-After': seconds,
          'X-RateLimit-Scope': limit.global ? 'global' : 'user',
          ...(limit.global ? { 'X-RateLimit-Global': 'true' } : {}),
        },
      );
    }
    if (method === 'GET' && url.pathname === '/api/v10/gateway/bot') {
      return send(200, {
        url: this.options.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    const messages = MESSAGES.exec(url.pathname);
    if (method === 'GET' && messages) return this.listMessages(messages[1] ?? '', url.searchParams, send);
    const reaction = OWN_REACTION.exec(url.pathname);
    if (method === 'PUT' && reaction) {
      const [, channelId = '', messageId = '', emoji = ''] = reaction;
      const found = this.options.onOwnReaction(channelId, messageId, decodeURIComponent(emoji));
      return found ? send(204) : send(404, { message: 'Unknown Message', code: 10008 });
    }
    send(404, { message: '404: Not Found', code: 0 });
  }

  private listMessages(channelId: string, query: URLSearchParams, send: Sender): void {
    const limit = Number(query.get('limit') ?? '50');
    const after = query.get('after');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100 || (after !== null && !/^\d{1,20}$/.test(after))) {
      return send(400, { message: 'Invalid Form Body', code: 50035 });
    }
    const page = this.state.messagesAfter(channelId, after, limit);
    if (page === null) return send(404, { message: 'Unknown Channel', code: 10003 });
    send(200, page);
  }
}

type Sender = (status: number, body?: unknown, headers?: Record<string, string>) => void;
