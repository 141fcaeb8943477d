/**
 * @module Builders for Discord users, members, messages and reactions, shaped as discord-api-types says Discord sends
 * them.
 */
import type {
  APIGuildMember,
  APIMessage,
  APIUser,
  GuildMemberFlags,
  MessageFlags,
  GatewayMessageCreateDispatchData,
  GatewayMessageReactionAddDispatchData,
  GatewayMessageReactionRemoveDispatchData,
  ReactionType,
} from 'discord-api-types/v10';

const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** A person (or bot) in the fake guild. */
export type FakeUser = {
  id: string;
  username: string;
  globalName?: string | null;
  avatar?: string | null;
  nick?: string | null;
  bot?: boolean;
};

/** Snowflakes from the wall clock, strictly increasing within one generator. */
export function createSnowflakes(): () => string {
  let last = 0n;
  return () => {
    const fromClock = (BigInt(Date.now()) - DISCORD_EPOCH_MS) << 22n;
    last = fromClock > last ? fromClock : last + 1n;
    return last.toString();
  };
}

export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
}

export function apiUser(user: FakeUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName ?? null,
    avatar: user.avatar ?? null,
    ...(user.bot ? { bot: true } : {}),
  };
}

/** A full member (as in MESSAGE_REACTION_ADD); MESSAGE_CREATE carries it without `user`. */
export function apiMember(user: FakeUser): APIGuildMember {
  return {
    user: apiUser(user),
    nick: user.nick ?? null,
    avatar: null,
    roles: [],
    joined_at: '2025-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
  };
}

export type ReactionInput = {
  user: FakeUser;
  channelId: string;
  messageId: string;
  guildId: string;
  emoji: APIEmojiRef;
};
type APIEmojiRef = { id: string | null; name: string | null };

/** MESSAGE_REACTION_ADD: carries the full member (with `user.bot`) and the message author. */
export function reactionAdd(input: ReactionInput & { messageAuthorId: string }): GatewayMessageReactionAddDispatchData {
  return {
    ...reactionRemove(input),
    member: apiMember(input.user),
    message_author_id: input.messageAuthorId,
    burst_colors: [],
  };
}

/** MESSAGE_REACTION_REMOVE: no member, so clients cannot tell whether the remover is a bot. */
export function reactionRemove(input: ReactionInput): GatewayMessageReactionRemoveDispatchData {
  return {
    user_id: input.user.id,
    channel_id: input.channelId,
    message_id: input.messageId,
    guild_id: input.guildId,
    emoji: input.emoji,
    burst: false,
    type: 0 as ReactionType,
  };
}

export type MessageInput = {
  id: string;
  channelId: string;
  author: FakeUser;
  content: string;
  mentions?: FakeUser[];
  /** 0 default, 19 reply, 7 join, … */
  type?: number;
};

/** A message as `GET /channels/{id}/messages` returns it (no guild_id, no member). */
export function apiMessage(input: MessageInput): APIMessage {
  return {
    id: input.id,
    channel_id: input.channelId,
    author: apiUser(input.author),
    content: input.content,
    timestamp: new Date(snowflakeTime(input.id)).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: (input.mentions ?? []).map(apiUser),
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: (input.type ?? 0) as APIMessage['type'],
    flags: 0 as MessageFlags,
  };
}

/** The MESSAGE_CREATE / MESSAGE_UPDATE shape: the message plus guild_id, member and members of mentions. */
export function gatewayMessage(
  message: APIMessage,
  guildId: string,
  users: ReadonlyMap<string, FakeUser>,
): GatewayMessageCreateDispatchData {
  const memberOf = (id: string) => {
    const user = users.get(id);
    if (user === undefined) return undefined;
    const { user: _omit, ...member } = apiMember(user);
    return member;
  };
  const member = memberOf(message.author.id);
  const { reactions: _reactions, ...rest } = message;
  return {
    ...rest,
    guild_id: guildId,
    ...(member && !message.author.bot ? { member } : {}),
    mentions: message.mentions.map((user) => {
      const mentioned = memberOf(user.id);
      return mentioned ? { ...user, member: mentioned } : user;
    }),
  };
}
