/** @module The fake Discord's world: one guild, its channels and threads, users, message history and reactions. */
import type { APIEmoji, APIMessage, APIReaction, APIThreadChannel } from 'discord-api-types/v10';
import { guildCreate, publicThread, textChannel } from './fake-guild.ts';
import { apiMessage, createSnowflakes, type FakeUser, type MessageInput } from './fake-payloads.ts';

export type StoredMessage = { message: APIMessage; reactions: Map<string, { emoji: APIEmoji; users: Set<string> }> };

/** `👍` for a unicode emoji, `name:id` for a custom one. */
export function parseEmoji(emoji: string): Pick<APIEmoji, 'id' | 'name'> {
  const custom = /^(\w{1,32}):(\d{1,20})$/.exec(emoji);
  return custom ? { id: custom[2] ?? null, name: custom[1] ?? null } : { id: null, name: emoji };
}

export class FakeDiscordState {
  readonly nextId = createSnowflakes();
  readonly users = new Map<string, FakeUser>();
  readonly threads = new Map<string, APIThreadChannel>();
  /** Channel id → messages, oldest first. */
  readonly history = new Map<string, StoredMessage[]>();

  constructor(
    readonly guildId: string,
    readonly channelId: string,
    readonly channelName: string,
    readonly botUser: FakeUser,
  ) {
    this.users.set(botUser.id, botUser);
    this.history.set(channelId, []);
  }

  addUser(user: FakeUser): FakeUser {
    this.users.set(user.id, user);
    return user;
  }

  addThread(name: string, parentId = this.channelId): APIThreadChannel {
    const thread = publicThread(this.nextId(), this.guildId, parentId, name);
    this.threads.set(thread.id, thread);
    this.history.set(thread.id, []);
    return thread;
  }

  guildCreate() {
    return guildCreate({
      guildId: this.guildId,
      channels: [textChannel(this.channelId, this.guildId, this.channelName)],
      threads: [...this.threads.values()],
    });
  }

  addMessage(input: Omit<MessageInput, 'id'>): APIMessage {
    const channel = this.history.get(input.channelId);
    if (channel === undefined) throw new Error(`fake discord: unknown channel ${input.channelId}`);
    this.addUser(input.author);
    for (const user of input.mentions ?? []) this.addUser(user);
    const message = apiMessage({ ...input, id: this.nextId() });
    channel.push({ message, reactions: new Map() });
    return message;
  }

  find(messageId: string): StoredMessage | undefined {
    for (const messages of this.history.values()) {
      const found = messages.find((stored) => stored.message.id === messageId);
      if (found) return found;
    }
    return undefined;
  }

  edit(messageId: string, content: string, editedAt: number): APIMessage {
    const stored = this.require(messageId);
    stored.message = { ...stored.message, content, edited_timestamp: new Date(editedAt).toISOString() };
    return this.withReactions(stored);
  }

  remove(messageId: string): APIMessage {
    const stored = this.require(messageId);
    const channel = this.history.get(stored.message.channel_id) ?? [];
    channel.splice(channel.indexOf(stored), 1);
    return stored.message;
  }

  /**
   * The reacted-to message, or null when the user had already reacted with that emoji (Discord sends no event then).
   */
  react(userId: string, messageId: string, emoji: string): APIMessage | null {
    const stored = this.require(messageId);
    const parsed = parseEmoji(emoji);
    const key = parsed.id ?? parsed.name ?? '';
    const entry = stored.reactions.get(key) ?? { emoji: { ...parsed, animated: false }, users: new Set<string>() };
    stored.reactions.set(key, entry);
    if (entry.users.has(userId)) return null;
    entry.users.add(userId);
    return stored.message;
  }

  /** The message, or null when the user had not reacted with that emoji. */
  unreact(userId: string, messageId: string, emoji: string): APIMessage | null {
    const stored = this.require(messageId);
    const parsed = parseEmoji(emoji);
    const key = parsed.id ?? parsed.name ?? '';
    const removed = stored.reactions.get(key)?.users.delete(userId) ?? false;
    if (stored.reactions.get(key)?.users.size === 0) stored.reactions.delete(key);
    return removed ? stored.message : null;
  }

  /** The message with its `reactions[]` as REST returns it (counts and `me`, never who reacted). */
  withReactions(stored: StoredMessage): APIMessage {
    const reactions: APIReaction[] = [...stored.reactions.values()].map(({ emoji, users }) => ({
      emoji,
      count: users.size,
      count_details: { burst: 0, normal: users.size },
      me: users.has(this.botUser.id),
      me_burst: false,
      burst_colors: [],
    }));
    return reactions.length > 0 ? { ...stored.message, reactions } : { ...stored.message };
  }

  /** `GET /channels/{id}/messages?after=&limit=`: the `limit` messages right after `after`, newest first. */
  messagesAfter(channelId: string, after: string | null, limit: number): APIMessage[] | null {
    const channel = this.history.get(channelId);
    if (channel === undefined) return null;
    const newer =
      after === null
        ? channel.slice(-limit)
        : channel.filter((s) => BigInt(s.message.id) > BigInt(after)).slice(0, limit);
    return newer.map((stored) => this.withReactions(stored)).reverse();
  }

  private require(messageId: string): StoredMessage {
    const stored = this.find(messageId);
    if (stored === undefined) throw new Error(`fake discord: unknown message ${messageId}`);
    return stored;
  }
}
