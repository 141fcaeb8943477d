/**
 * @module A local fake of Discord (REST + gateway) on 127.0.0.1 with test controls; start one per test and close it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIMessage, APIThreadChannel } from 'discord-api-types/v10';
import { FakeGateway } from './fake-gateway.ts';
import { FakeHttp, type RequestRecord } from './fake-http.ts';
import { gatewayMessage, reactionAdd, reactionRemove, type FakeUser } from './fake-payloads.ts';
import { FakeDiscordState, parseEmoji } from './fake-state.ts';

export type FakeDiscordOptions = {
  token: string;
  guildId: string;
  channelId: string;
  channelName: string;
  heartbeatIntervalMs: number;
  messageContentEnabled: boolean;
  /** IDENTIFYs lacking any of these intent bits are closed with 4014 (default: the four the source needs). */
  requiredIntents: number;
  checkRestToken: boolean;
  resumeReplayOverlap: number;
};

export const FAKE_DISCORD_DEFAULTS: FakeDiscordOptions = {
  token: 'fake-bot-token.do-not-log',
  guildId: '100000000000000001',
  channelId: '100000000000000002',
  channelName: 'event-qa',
  // Large: keeps tests quiet; heartbeats are still answered.
  heartbeatIntervalMs: 45_000,
  messageContentEnabled: true,
  requiredIntents: 1 | (1 << 9) | (1 << 10) | (1 << 15),
  checkRestToken: true,
  resumeReplayOverlap: 0,
};

export const FAKE_USERS = {
  alice: { id: '200000000000000001', username: 'alice', globalName: 'Alice', avatar: 'a1b2c3', nick: 'Ali' },
  bob: { id: '200000000000000002', username: 'bob', globalName: null, avatar: null },
  carol: { id: '200000000000000003', username: 'carol', globalName: 'Carol', avatar: null },
  helper: { id: '200000000000000009', username: 'helper-bot', bot: true },
} satisfies Record<string, FakeUser>;

const BOT: FakeUser = { id: '100000000000000003', username: 'kansoku', globalName: null, avatar: null, bot: true };

export type PostMessageInput = {
  content: string;
  author?: FakeUser;
  channelId?: string;
  mentions?: FakeUser[];
  type?: number;
};

export type FakeDiscord = {
  /** For `createDiscordSource({ apiUrl })`, e.g. `http://127.0.0.1:PORT/api`. */
  readonly apiUrl: string;
  readonly options: FakeDiscordOptions;
  readonly botUser: FakeUser;
  /** Every REST request so far (method, path, query, status); never the Authorization header. */
  readonly requests: readonly RequestRecord[];
  readonly gatewayStats: {
    readonly connections: number;
    readonly identifies: number;
    readonly resumes: number;
    readonly heartbeats: number;
  };
  /** The intents of the last accepted-or-refused IDENTIFY with a valid token. */
  lastIntents(): number | null;
  /** Gateway sockets open now (a stopped source holds none, so nothing can reach it). */
  openConnections(): number;
  /** Stores the message in the channel history and dispatches MESSAGE_CREATE. */
  postMessage(input: PostMessageInput): APIMessage;
  editMessage(messageId: string, content: string, editedAt?: number): APIMessage;
  deleteMessage(messageId: string): void;
  react(userId: string, messageId: string, emoji: string, options?: { bot?: boolean }): void;
  unreact(userId: string, messageId: string, emoji: string): void;
  /** A public thread under the configured channel (THREAD_CREATE). */
  createThread(name: string): APIThreadChannel;
  /** Closes the gateway socket with `code` (default 4000: resumable); dispatches meanwhile are replayed on RESUME. */
  dropConnection(code?: number): void;
  /** op 9 with d: false; messages posted until the next IDENTIFY exist only in channel history. */
  invalidateSession(): void;
  rateLimitNext(script: { path: RegExp; count?: number; retryAfterSeconds: number; global?: boolean }): void;
  close(): Promise<void>;
};

export async function startFakeDiscord(overrides: Partial<FakeDiscordOptions> = {}): Promise<FakeDiscord> {
  const options: FakeDiscordOptions = { ...FAKE_DISCORD_DEFAULTS, ...overrides };
  const state = new FakeDiscordState(options.guildId, options.channelId, options.channelName, BOT);
  for (const user of Object.values(FAKE_USERS)) state.addUser(user);
  let base = '';
  const gateway = new FakeGateway(state, { ...options, applicationId: BOT.id }, () => base.replace('http', 'ws'));
  const dispatchMessage = (t: string, message: APIMessage) =>
    gateway.dispatch(t, gatewayMessage(message, options.guildId, state.users));
  const dispatchReaction = (user: FakeUser, message: APIMessage, emoji: string, added: boolean) => {
    const input = {
      user,
      channelId: message.channel_id,
      messageId: message.id,
      guildId: options.guildId,
      emoji: parseEmoji(emoji),
    };
    if (added) gateway.dispatch('MESSAGE_REACTION_ADD', reactionAdd({ ...input, messageAuthorId: message.author.id }));
    else gateway.dispatch('MESSAGE_REACTION_REMOVE', reactionRemove(input));
  };
  const http = new FakeHttp(state, {
    token: options.token,
    checkToken: options.checkRestToken,
    gatewayUrl: () => `${base.replace('http', 'ws')}/gateway`,
    onOwnReaction(channelId, messageId, emoji) {
      const stored = state.find(messageId);
      if (stored === undefined || stored.message.channel_id !== channelId) return false;
      if (state.react(BOT.id, messageId, emoji) !== null) dispatchReaction(BOT, stored.message, emoji, true);
      return true;
    },
  });
  const server = createServer((request, response) => http.handle(request, response));
  server.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api`,
    options,
    botUser: BOT,
    requests: http.requests,
    gatewayStats: gateway.stats,
    lastIntents: () => gateway.lastIntents,
    openConnections: () => gateway.openConnections(),
    postMessage(input) {
      const author = input.author ?? FAKE_USERS.alice;
      const message = state.addMessage({ ...input, author, channelId: input.channelId ?? options.channelId });
      dispatchMessage('MESSAGE_CREATE', message);
      return message;
    },
    editMessage(messageId, content, editedAt = Date.now()) {
      const message = state.edit(messageId, content, editedAt);
      dispatchMessage('MESSAGE_UPDATE', message);
      return message;
    },
    deleteMessage(messageId) {
      const message = state.remove(messageId);
      gateway.dispatch('MESSAGE_DELETE', { id: messageId, channel_id: message.channel_id, guild_id: options.guildId });
    },
    react(userId, messageId, emoji, reactOptions = {}) {
      const bot = reactOptions.bot === undefined ? {} : { bot: reactOptions.bot };
      const user = state.addUser({ id: userId, username: `user-${userId}`, ...state.users.get(userId), ...bot });
      const message = state.react(userId, messageId, emoji);
      if (message !== null) dispatchReaction(user, message, emoji, true);
    },
    unreact(userId, messageId, emoji) {
      const user = state.users.get(userId);
      const message = user === undefined ? null : state.unreact(userId, messageId, emoji);
      if (user !== undefined && message !== null) dispatchReaction(user, message, emoji, false);
    },
    createThread(name) {
      const thread = state.addThread(name);
      gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
      return thread;
    },
    dropConnection: (code = 4000) => gateway.dropConnection(code),
    invalidateSession: () => gateway.invalidateSession(),
    rateLimitNext: (script) => http.rateLimitNext({ count: 1, global: false, ...script }),
    async close() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
