/**
 * @module Discord connection status: gateway close codes and REST failures mapped to dashboard states, with advice for
 * the host.
 */
import type { Logger } from 'pino';
import type { DiscordStatus } from '../../shared/question.ts';

/** A status without its start time; the source stamps `since` with its clock. */
export type StatusUpdate = Omit<DiscordStatus, 'since'>;

const BUG_ADVICE =
  'Kansoku sent something Discord does not accept. Please report this with the server log.\n' +
  'Kansoku が Discord の受け付けない要求を送りました。サーバーのログを添えて不具合として報告してください。';

export const ADVICE = {
  badToken:
    'Discord rejected the bot token. In the Discord Developer Portal, open your application → Bot → Reset Token, ' +
    "put the new token in Kansoku's Discord settings and restart Kansoku.\n" +
    'Discord がボットトークンを拒否しました。Discord Developer Portal でアプリケーションを開き、Bot → Reset Token で' +
    'トークンを再発行して Kansoku の Discord 設定に入れ、Kansoku を再起動してください。',
  messageContent:
    'The bot is not allowed to read message text. In the Discord Developer Portal, open your application → Bot → ' +
    'Privileged Gateway Intents, turn on MESSAGE CONTENT INTENT, save, and restart Kansoku.\n' +
    'ボットにメッセージ本文を読む権限がありません。Discord Developer Portal でアプリケーションを開き、Bot → ' +
    'Privileged Gateway Intents の MESSAGE CONTENT INTENT をオンにして保存し、Kansoku を再起動してください。',
  notInGuild:
    'The bot is not a member of the configured Discord server. Invite it with an OAuth2 URL (scope "bot", with the ' +
    'View Channel and Read Message History permissions), or check the server id in the event settings.\n' +
    'ボットが設定された Discord サーバーに参加していません。OAuth2 URL (スコープ "bot"、権限「チャンネルを見る」' +
    '「メッセージ履歴を読む」) でボットを招待するか、イベント設定のサーバー ID を確認してください。',
  bug: BUG_ADVICE,
} as const;

/** Close codes after which @discordjs/ws gives up (no reconnect); the host has to fix something first. */
const FATAL: ReadonlyMap<number, StatusUpdate> = new Map([
  [4004, { state: 'error', detail: 'Gateway closed with 4004: authentication failed', advice: ADVICE.badToken }],
  [4010, { state: 'error', detail: 'Gateway closed with 4010: invalid shard', advice: BUG_ADVICE }],
  [4011, { state: 'error', detail: 'Gateway closed with 4011: sharding required', advice: BUG_ADVICE }],
  [4012, { state: 'error', detail: 'Gateway closed with 4012: invalid API version', advice: BUG_ADVICE }],
  [4013, { state: 'error', detail: 'Gateway closed with 4013: invalid intents', advice: BUG_ADVICE }],
  [4014, { state: 'error', detail: 'Gateway closed with 4014: disallowed intents', advice: ADVICE.messageContent }],
]);

/** Codes after which @discordjs/ws starts a new session (IDENTIFY) instead of resuming. */
const REIDENTIFY: ReadonlySet<number> = new Set([1000, 4003, 4005, 4007, 4008]);

export const isFatalCloseCode = (code: number): boolean => FATAL.has(code);

/** The state the dashboard should show after the gateway closed with `code`. */
export function closeStatus(code: number): StatusUpdate {
  const fatal = FATAL.get(code);
  if (fatal !== undefined) return fatal;
  if (REIDENTIFY.has(code))
    return { state: 'connecting', detail: `Gateway closed with ${code}; starting a new session` };
  return { state: 'resuming', detail: `Gateway closed with ${code}; resuming` };
}

/** HTTP status of a failed REST call (@discordjs/rest's DiscordAPIError / HTTPError), if any. */
export function httpStatusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('status' in error)) return null;
  return typeof error.status === 'number' ? error.status : null;
}

/** The state after connecting failed before the gateway was reached (`GET /gateway/bot` or network). */
export function connectFailureStatus(error: unknown, retryInMs: number): StatusUpdate {
  if (httpStatusOf(error) === 401) {
    return { state: 'error', detail: 'Discord answered 401 Unauthorized', advice: ADVICE.badToken };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return {
    state: 'error',
    detail: `Could not connect to Discord (${reason}); retrying in ${Math.round(retryInMs / 1000)} s`,
  };
}

export function notInGuildStatus(guildId: string): StatusUpdate {
  return { state: 'error', detail: `The bot is not a member of guild ${guildId}`, advice: ADVICE.notInGuild };
}

/** Ready, with a note while messages from the last outage could not be fetched yet. */
export function backfillStatus(retryInMs: number | null): StatusUpdate {
  if (retryInMs === null) return { state: 'ready' };
  return { state: 'ready', detail: `Backfill failed; retrying in ${Math.round(retryInMs / 1000)} s` };
}

export type StatusTracker = { set(update: StatusUpdate): void; get(): DiscordStatus };

/** Holds the current status: reports only real changes, and keeps `since` while the state stays the same. */
export function createStatusTracker(options: {
  now(): number;
  log: Logger;
  onStatus(status: DiscordStatus): void;
}): StatusTracker {
  let current: DiscordStatus = { state: 'disabled', since: options.now() };
  return {
    set(update) {
      if (update.state === current.state && update.detail === current.detail && update.advice === current.advice)
        return;
      current = { ...update, since: update.state === current.state ? current.since : options.now() };
      if (current.state === 'error') options.log.error({ detail: current.detail }, 'discord unavailable');
      else options.log.info({ state: current.state, detail: current.detail }, 'discord status');
      options.onStatus(current);
    },
    get: () => current,
  };
}
