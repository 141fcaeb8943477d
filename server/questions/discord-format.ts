/** @module Discord values made readable: display names, avatar URLs, message markup as plain text, snowflake times. */
import type { APIUser } from 'discord-api-types/v10';

const CDN = 'https://cdn.discordapp.com';
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** Names for the ids that mentions refer to; undefined when unknown. */
export type MentionNames = {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
  role(id: string): string | undefined;
};

type NamedUser = Pick<APIUser, 'username' | 'global_name'>;

/** What Discord shows: the server nickname, else the global display name, else the username. */
export function displayName(user: NamedUser, nick?: string | null): string {
  return nick ?? user.global_name ?? user.username;
}

/**
 * CDN URL of the user's avatar, built from the hash (images are never cached here). Without a hash it is
 * the default avatar: `(id >> 22) % 6` for migrated users, `discriminator % 5` for legacy ones.
 */
export function avatarUrl(user: Pick<APIUser, 'id' | 'avatar' | 'discriminator'>): string {
  if (user.avatar) return `${CDN}/avatars/${user.id}/${user.avatar}.png`;
  const legacy = user.discriminator !== '0' && /^\d{4}$/.test(user.discriminator);
  const index = legacy ? BigInt(user.discriminator) % 5n : (BigInt(user.id) >> 22n) % 6n;
  return `${CDN}/embed/avatars/${index}.png`;
}

/** The smallest snowflake created at `ms`; usable as an `after=` cursor ("messages since this time"). */
export function snowflakeFromTime(ms: number): string {
  const sinceEpoch = BigInt(Math.floor(ms)) - DISCORD_EPOCH_MS;
  return (sinceEpoch > 0n ? sinceEpoch << 22n : 0n).toString();
}

/** Epoch milliseconds of an ISO timestamp from Discord; null when absent or unparsable. */
export function parseTimestamp(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Turns Discord markup into readable plain text: `<@123>` → `@name` (only for users listed in the
 * message's `mentions`), `<@&id>` → `@role`, `<#id>` → `#channel-name` (or `#channel`), custom emoji
 * `<:name:id>` / `<a:name:id>` → `:name:`, `</cmd:id>` → `/cmd`, `<t:unix:style>` → ISO time.
 * The result is still untrusted text: dashboards must render it as text, never as HTML.
 */
export function readableContent(content: string, names: MentionNames): string {
  return content
    .replace(/<@!?(\d{1,20})>/g, (raw, id: string) => {
      const name = names.user(id);
      return name === undefined ? raw : `@${name}`;
    })
    .replace(/<@&(\d{1,20})>/g, (raw, id: string) => {
      const name = names.role(id);
      return name === undefined ? raw : `@${name}`;
    })
    .replace(/<#(\d{1,20})>/g, (_raw, id: string) => `#${names.channel(id) ?? 'channel'}`)
    .replace(/<a?:(\w{1,32}):\d{1,20}>/g, (_raw, name: string) => `:${name}:`)
    .replace(/<\/([-_\p{L}\p{N} ]{1,100}):\d{1,20}>/gu, (_raw, name: string) => `/${name}`)
    .replace(/<t:(-?\d{1,12})(?::[tTdDfFR])?>/g, (raw, seconds: string) => {
      const date = new Date(Number(seconds) * 1000);
      return Number.isNaN(date.getTime()) ? raw : date.toISOString();
    });
}
