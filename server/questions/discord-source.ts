/**
 * @module The Discord edge, the only module importing @discordjs/*: gateway session → question events, backfill,
 * status, ✅.
 */
import { Client, GatewayIntentBits, type GatewayDispatchPayload, type GatewayReadyDispatchData } from '@discordjs/core';
import { RateLimitError, REST } from '@discordjs/rest';
import { WebSocketManager, WebSocketShardEvents, type SessionInfo } from '@discordjs/ws';
import type { Logger } from 'pino';
import type { DiscordStatus } from '../../shared/question.ts';
import { createBackfillScheduler } from './discord-gap.ts';
import { createDiscordMessageMapper } from './discord-message.ts';
import * as statuses from './discord-status.ts';
import type { QuestionEvent } from './question-event.ts';

export type DiscordSourceOptions = {
  token: string;
  /** REST base URL (DISCORD_API_URL), e.g. `https://discord.com/api`; the gateway URL comes from `GET /gateway/bot`. */
  apiUrl: string;
  guildId: string;
  /** The event's channel; messages in its threads count too. */
  channelId: string;
  logger: Logger;
  onEvent(event: QuestionEvent): void;
  onStatus(status: DiscordStatus): void;
  /** Keep Discord's 5 s gap between IDENTIFYs (default true); tests turn it off. */
  identifyThrottle?: boolean;
  /** Let `markAnswered` react with ✅ on the message (default false). */
  answerReaction?: boolean;
  /** Largest message id already stored; the first backfill starts there (default: messages since `start()`). */
  backfillAfter?: string | null;
  now?: () => number;
  /** Wait before retrying a failed connect or backfill (default 30 s; a longer Retry-After wins). */
  retryDelayMs?: number;
  /** Longest Retry-After the REST client waits out by itself; longer 429s fail fast (default 10 s). */
  maxRateLimitWaitMs?: number;
  /** Deadline for one backfill run (default 60 s). */
  backfillTimeoutMs?: number;
};

export type DiscordSource = {
  /** Connects; resolves once the first session is ready or the first attempt failed (see `status()`). Never rejects. */
  start(): Promise<void>;
  /** Destroys the gateway connection and cancels retries; the status becomes `disabled`. */
  stop(): Promise<void>;
  /** Puts ✅ on the message when `answerReaction` is on; false when off or when Discord refused. */
  markAnswered(messageId: string): Promise<boolean>;
  status(): DiscordStatus;
};

const { Guilds, GuildMessages, GuildMessageReactions, MessageContent } = GatewayIntentBits;
const INTENTS = Guilds | GuildMessages | GuildMessageReactions | MessageContent;
const ANSWER_EMOJI = '✅';
const REST_TIMEOUT_MS = 10_000;

export function createDiscordSource(options: DiscordSourceOptions): DiscordSource {
  const now = options.now ?? Date.now;
  const retryDelayMs = options.retryDelayMs ?? 30_000;
  const log = options.logger.child({ module: 'discord' });
  const redact = (text: string): string => (options.token ? text.replaceAll(options.token, '[token]') : text);
  const describe = (error: unknown): string => redact(error instanceof Error ? error.message : String(error));

  const mapper = createDiscordMessageMapper({ guildId: options.guildId, channelId: options.channelId });
  // Per instance: @discordjs/ws's default session store is module-global and leaks sessions across managers.
  const sessions = new Map<number, SessionInfo>();
  const messageChannels = new Map<string, string>();
  const tracker = statuses.createStatusTracker({ now, log, onStatus: options.onStatus });
  const setStatus = tracker.set;
  let stopped = false;
  let fatal = false;
  let connecting: Promise<void> | null = null;
  let connectRetry: NodeJS.Timeout | undefined;
  let awaitingGuild = false;

  const rest = new REST({
    api: options.apiUrl,
    timeout: REST_TIMEOUT_MS,
    // @discordjs/rest retries 429s forever; anything that would wait longer than this fails instead.
    rejectOnRateLimit: (limit) => limit.retryAfter > (options.maxRateLimitWaitMs ?? 10_000),
  }).setToken(options.token);
  const gateway = new WebSocketManager({
    token: options.token,
    intents: INTENTS,
    rest,
    // After stop(), a reconnect the library still has in flight (WebSocketShard.destroy reconnects 500 ms later, even
    // if destroyed meanwhile) is parked here: a session lookup that never settles never opens a socket.
    retrieveSessionInfo: (shardId) => (stopped ? new Promise<never>(() => {}) : (sessions.get(shardId) ?? null)),
    updateSessionInfo: (shardId, info) => void (info ? sessions.set(shardId, info) : sessions.delete(shardId)),
    ...(options.identifyThrottle === false
      ? { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) }
      : {}),
  });
  const client = new Client({ rest, gateway });

  function deliver(events: readonly QuestionEvent[]): void {
    for (const event of events) {
      if (event.type === 'created' || event.type === 'updated') {
        messageChannels.set(event.message.messageId, event.message.channelId);
        gap.noteMessage(event.message.messageId);
      }
      try {
        options.onEvent(event);
      } catch (error) {
        log.error({ err: describe(error), type: event.type }, 'question event handler failed');
      }
    }
  }

  /** An unexpected payload is logged and dropped; it must not break the gateway connection or a backfill. */
  function deliverMapped(map: () => QuestionEvent[], what: string): void {
    try {
      deliver(map());
    } catch (error) {
      log.error({ err: describe(error), what }, 'could not map a Discord payload');
    }
  }

  const gap = createBackfillScheduler({
    initialCursor: options.backfillAfter ?? null,
    now,
    retryDelayMs,
    timeoutMs: options.backfillTimeoutMs ?? 60_000,
    channelIds: () => [options.channelId, ...mapper.threadIds()],
    fetchPage: (channelId, after, signal) =>
      client.api.channels.getMessages(channelId, { after, limit: 100 }, { signal }),
    onMessage: (message) => deliverMapped(() => mapper.fromRestMessage(message), 'REST message'),
    retryAfterOf: (error) => (error instanceof RateLimitError ? error.retryAfter : 0),
    onOutcome: (outcome) => {
      if (outcome.ok) log.info({ messages: outcome.messages, after: outcome.after }, 'backfill done');
      else log.warn({ err: describe(outcome.error), retryInMs: outcome.retryInMs }, 'backfill failed');
      if (tracker.get().state === 'ready') setStatus(statuses.backfillStatus(outcome.ok ? null : outcome.retryInMs));
    },
  });

  function onReady(data: GatewayReadyDispatchData): void {
    if (stopped) return void gateway.destroy();
    awaitingGuild = true;
    const member = data.guilds.some((guild) => guild.id === options.guildId);
    setStatus(member ? { state: 'ready' } : statuses.notInGuildStatus(options.guildId));
  }

  function onDispatch(payload: GatewayDispatchPayload): void {
    if (stopped) return;
    deliverMapped(() => mapper.fromDispatch(payload), payload.t);
    // Backfill once our guild arrived after a fresh READY, so thread channels are known.
    if (payload.t === 'GUILD_CREATE' && payload.d.id === options.guildId && awaitingGuild) {
      awaitingGuild = false;
      setStatus({ state: 'ready' });
      gap.sessionStarted();
    }
  }

  gateway.on(WebSocketShardEvents.Ready, (data) => onReady(data));
  gateway.on(WebSocketShardEvents.Resumed, () => setStatus({ state: 'ready' }));
  gateway.on(WebSocketShardEvents.Dispatch, (payload) => onDispatch(payload));
  gateway.on(WebSocketShardEvents.Closed, (code) => {
    fatal ||= statuses.isFatalCloseCode(code);
    if (!stopped) setStatus(statuses.closeStatus(code));
  });
  gateway.on(WebSocketShardEvents.Error, (error) => log.warn({ err: describe(error) }, 'gateway error'));
  gateway.on(WebSocketShardEvents.SocketError, (error) => log.debug({ err: describe(error) }, 'gateway socket error'));
  gateway.on(WebSocketShardEvents.Debug, (message) => log.trace(redact(message)));

  async function connect(): Promise<void> {
    try {
      await gateway.connect();
    } catch (error) {
      // After a fatal close (4004, 4014, …) the status says what to fix; retrying cannot help until the host acts.
      if (stopped || fatal) return;
      setStatus(statuses.connectFailureStatus(error, retryDelayMs));
      if (statuses.httpStatusOf(error) !== 401) connectRetry = setTimeout(() => void connect(), retryDelayMs);
    }
  }

  return {
    start() {
      if (stopped) return Promise.resolve();
      if (connecting === null) {
        gap.reset();
        setStatus({ state: 'connecting' });
        connecting = connect();
      }
      return connecting;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(connectRetry);
      gap.stop();
      await gateway.destroy();
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
      setStatus({ state: 'disabled' });
    },
    async markAnswered(messageId) {
      if (!options.answerReaction || stopped) return false;
      const channelId = messageChannels.get(messageId) ?? options.channelId;
      try {
        const signal = AbortSignal.timeout(REST_TIMEOUT_MS);
        await client.api.channels.addMessageReaction(channelId, messageId, ANSWER_EMOJI, { signal });
        return true;
      } catch (error) {
        log.warn({ err: describe(error), messageId }, 'could not add the answered reaction');
        return false;
      }
    },
    status: tracker.get,
  };
}
