/**
 * @module Question policies (pure, take `now`): whether an event runs a Discord source and with which settings,
 * and which events' questions are past retention.
 */
import type { KansokuEvent } from '../../shared/event.ts';
import { compileRegistrationPattern } from './question-book.ts';
import type { StatusUpdate } from './discord-status.ts';

/** An ended event keeps its source this long (late questions, "thanks" threads); then it is stopped. */
export const ENDED_GRACE_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export type DiscordPlan =
  /** `key` changes exactly when the source must be restarted. */
  { run: true; key: string; guildId: string; channelId: string } | { run: false; status: StatusUpdate };

export const PATTERN_ADVICE =
  "Fix the registration pattern in the event's Discord settings: it must be a JavaScript regular expression, " +
  'e.g. ^(参加|join). Leave it empty to count no registrations.\n' +
  'イベントの Discord 設定で参加登録パターンを修正してください。JavaScript の正規表現で書きます (例: ^(参加|join))。' +
  '登録を数えない場合は空にしてください。';

/** The registration pattern's compile error, or null when it is valid (or unset). */
export function patternError(source: string | null): string | null {
  try {
    compileRegistrationPattern(source);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Runs while the event has a guild and a channel, a bot token is configured, its registration pattern compiles,
 * and it has not been ended for more than `ENDED_GRACE_MS` (ended = phase `ended`, since its last update).
 */
export function discordPlan(event: KansokuEvent, tokenSet: boolean, now: number): DiscordPlan {
  const { guildId, channelId, registrationPattern } = event.discord;
  if (!tokenSet) return { run: false, status: { state: 'disabled', detail: 'DISCORD_TOKEN not set' } };
  if (!guildId || !channelId) {
    return {
      run: false,
      status: { state: 'disabled', detail: 'No Discord server and channel are set for this event' },
    };
  }
  const invalid = patternError(registrationPattern);
  if (invalid !== null) {
    return {
      run: false,
      status: {
        state: 'error',
        detail: `The registration pattern is not a valid regular expression: ${invalid}`.slice(0, 500),
        advice: PATTERN_ADVICE,
      },
    };
  }
  if (event.phase === 'ended' && now - Date.parse(event.updatedAt) > ENDED_GRACE_MS) {
    return { run: false, status: { state: 'disabled', detail: 'The event ended more than an hour ago' } };
  }
  return { run: true, key: `${guildId}/${channelId}`, guildId, channelId };
}

/** When retention counts from: the scheduled start, else the creation time (ms since epoch). */
export function retentionStart(event: KansokuEvent): number {
  const scheduled = event.scheduledStart === null ? Number.NaN : Date.parse(event.scheduledStart);
  return Number.isFinite(scheduled) ? scheduled : Date.parse(event.createdAt);
}

/**
 * Events whose questions are to be deleted: retention started more than `retentionDays` ago and the event is not
 * on air (`rehearsal` or `live`): a show that is running keeps its questions whatever its schedule said.
 */
export function expiredEventIds(events: readonly KansokuEvent[], retentionDays: number, now: number): string[] {
  const cutoff = now - retentionDays * DAY_MS;
  return events
    .filter((event) => event.phase !== 'live' && event.phase !== 'rehearsal' && retentionStart(event) < cutoff)
    .map((event) => event.id);
}
