/** @module Maps Discord gateway dispatches and REST messages to question events for one channel and its threads. */
import type {
  APIChannel,
  APIMessage,
  APIReaction,
  APIUser,
  GatewayDispatchPayload,
  GatewayMessageCreateDispatchData,
} from 'discord-api-types/v10';
import { avatarUrl, displayName, parseTimestamp, readableContent, type MentionNames } from './discord-format.ts';
import type { MessageSnapshot, QuestionEvent } from './question-event.ts';

export type DiscordMessageMapperOptions = { guildId: string; channelId: string };

export type DiscordMessageMapper = {
  /** Folds one gateway dispatch and returns the question events it implies (often none). */
  fromDispatch(payload: GatewayDispatchPayload): QuestionEvent[];
  /** A message fetched over REST during backfill: `created`, carrying its edit time and a vote floor. */
  fromRestMessage(message: APIMessage): QuestionEvent[];
  /** Threads known to belong to the configured channel. */
  threadIds(): string[];
};

/** Plain messages and replies are questions; joins, pins, thread notices, commands and the like are not. */
const QUESTION_MESSAGE_TYPES: ReadonlySet<number> = new Set([0, 19]);

/** Announcement, public and private threads. */
const THREAD_TYPES: ReadonlySet<number> = new Set([10, 11, 12]);

type AnyMessage = APIMessage | GatewayMessageCreateDispatchData;
type Mentioned = APIUser & { member?: { nick?: string | null } };

/**
 * No I/O; per instance it keeps only what mapping needs: thread parents, channel and role names, nicknames, our bot id.
 */
export function createDiscordMessageMapper(options: DiscordMessageMapperOptions): DiscordMessageMapper {
  const threadParents = new Map<string, string>();
  const channelNames = new Map<string, string>();
  const roleNames = new Map<string, string>();
  /** Nicknames seen on gateway messages, for REST messages, which carry no member. */
  const nicks = new Map<string, string | null>();
  let selfId: string | null = null;

  const relevant = (channelId: string): boolean =>
    channelId === options.channelId || threadParents.get(channelId) === options.channelId;

  function noteChannel(channel: APIChannel): void {
    if (typeof channel.name === 'string') channelNames.set(channel.id, channel.name);
    if (THREAD_TYPES.has(channel.type) && 'parent_id' in channel && channel.parent_id) {
      threadParents.set(channel.id, channel.parent_id);
    }
  }

  function snapshot(message: AnyMessage, nick: string | null | undefined, voteFloor: number): MessageSnapshot {
    const mentioned = new Map<string, string>();
    for (const user of message.mentions as Mentioned[]) {
      mentioned.set(user.id, displayName(user, user.member?.nick ?? nicks.get(user.id)));
    }
    const names: MentionNames = {
      user: (id) => mentioned.get(id),
      channel: (id) => channelNames.get(id),
      role: (id) => roleNames.get(id),
    };
    return {
      messageId: message.id,
      channelId: message.channel_id,
      author: { id: message.author.id, name: displayName(message.author, nick), avatarUrl: avatarUrl(message.author) },
      content: readableContent(message.content, names),
      createdAt: parseTimestamp(message.timestamp) ?? 0,
      editedAt: parseTimestamp(message.edited_timestamp),
      voteFloor,
    };
  }

  function isQuestionMessage(message: AnyMessage): boolean {
    return !message.author.bot && QUESTION_MESSAGE_TYPES.has(message.type) && relevant(message.channel_id);
  }

  function fromGatewayMessage(message: GatewayMessageCreateDispatchData, type: 'created' | 'updated'): QuestionEvent[] {
    if (message.guild_id !== undefined && message.guild_id !== options.guildId) return [];
    if (!isQuestionMessage(message)) return [];
    if (message.member) nicks.set(message.author.id, message.member.nick ?? null);
    return [{ type, message: snapshot(message, message.member?.nick ?? nicks.get(message.author.id), 0) }];
  }

  /** Distinct voters are unknown over REST; the busiest emoji (minus our own reaction) is a safe lower bound. */
  function voteFloor(reactions: readonly APIReaction[] | undefined): number {
    return Math.max(0, ...(reactions ?? []).map((reaction) => reaction.count - (reaction.me ? 1 : 0)));
  }

  function fromDispatch(payload: GatewayDispatchPayload): QuestionEvent[] {
    switch (payload.t) {
      case 'READY':
        selfId = payload.d.user.id;
        return [];
      case 'GUILD_CREATE':
        if (payload.d.id !== options.guildId) return [];
        // Defensive: an unavailable guild arrives without its lists.
        for (const channel of [...(payload.d.channels ?? []), ...(payload.d.threads ?? [])]) noteChannel(channel);
        for (const role of payload.d.roles ?? []) roleNames.set(role.id, role.name);
        return [];
      case 'CHANNEL_CREATE':
      case 'CHANNEL_UPDATE':
      case 'THREAD_CREATE':
      case 'THREAD_UPDATE':
        noteChannel(payload.d);
        return [];
      case 'THREAD_LIST_SYNC':
        for (const thread of payload.d.threads) noteChannel(thread);
        return [];
      case 'THREAD_DELETE':
        threadParents.delete(payload.d.id);
        return [];
      case 'MESSAGE_CREATE':
        return fromGatewayMessage(payload.d, 'created');
      case 'MESSAGE_UPDATE':
        return fromGatewayMessage(payload.d, 'updated');
      case 'MESSAGE_DELETE':
        return relevant(payload.d.channel_id) ? [{ type: 'deleted', messageId: payload.d.id }] : [];
      case 'MESSAGE_DELETE_BULK':
        if (!relevant(payload.d.channel_id)) return [];
        return payload.d.ids.map((messageId) => ({ type: 'deleted', messageId }));
      case 'MESSAGE_REACTION_ADD': {
        const { d } = payload;
        if (!relevant(d.channel_id)) return [];
        const bot = d.member?.user.bot === true || d.user_id === selfId;
        return [{ type: 'reaction-added', messageId: d.message_id, userId: d.user_id, emoji: emojiKey(d.emoji), bot }];
      }
      case 'MESSAGE_REACTION_REMOVE': {
        const { d } = payload;
        if (!relevant(d.channel_id)) return [];
        return [{ type: 'reaction-removed', messageId: d.message_id, userId: d.user_id, emoji: emojiKey(d.emoji) }];
      }
      case 'MESSAGE_REACTION_REMOVE_ALL':
        return relevant(payload.d.channel_id)
          ? [{ type: 'reactions-cleared', messageId: payload.d.message_id, emoji: null }]
          : [];
      case 'MESSAGE_REACTION_REMOVE_EMOJI': {
        const { d } = payload;
        if (!relevant(d.channel_id)) return [];
        return [{ type: 'reactions-cleared', messageId: d.message_id, emoji: emojiKey(d.emoji) }];
      }
      default:
        return [];
    }
  }

  return {
    fromDispatch,
    fromRestMessage(message) {
      if (!isQuestionMessage(message)) return [];
      return [
        { type: 'created', message: snapshot(message, nicks.get(message.author.id), voteFloor(message.reactions)) },
      ];
    },
    threadIds: () => [...threadParents].filter(([, parent]) => parent === options.channelId).map(([id]) => id),
  };
}

/** Custom emoji by id (names can change), unicode emoji by character. */
function emojiKey(emoji: { id: string | null; name: string | null }): string {
  return emoji.id ?? emoji.name ?? '';
}
