/** @module discord-message: readable content, reactions (bots marked) and REST messages from the backfill. */
import {
  GatewayDispatchEvents as E,
  type APIMessage,
  type GatewayMessageReactionAddDispatch,
  type GatewayMessageReactionRemoveAllDispatch,
  type GatewayMessageReactionRemoveDispatch,
  type GatewayMessageReactionRemoveEmojiDispatch,
} from 'discord-api-types/v10';
import { beforeEach, describe, expect, test } from 'vitest';
import type { DiscordMessageMapper } from '../../../../server/questions/discord-message.ts';
import { reactionAdd, reactionRemove, type FakeUser } from '../../../harness/fake-discord/fake-payloads.ts';
import {
  alice,
  bob,
  BOT_ID,
  CHANNEL,
  created,
  dispatch,
  GUILD,
  message,
  OTHER_CHANNEL,
  readyMapper,
  THREAD,
} from './mapper-fixtures.ts';

let mapper: DiscordMessageMapper;
beforeEach(() => {
  mapper = readyMapper();
});

describe('content', () => {
  test('mentions, channels, roles and custom emoji become readable plain text', () => {
    const text =
      'Hi <@80351110224678912> and <@!175928847299117063>, see <#300> or <#12345>, <@&55> <@42> <:blob:123> <a:party:456>';
    const [event] = mapper.fromDispatch(created(message(text, { mentions: [bob, alice] })));
    expect(event).toMatchObject({
      message: { content: 'Hi @bob and @Ali, see #follow-ups or #channel, @Speakers <@42> :blob: :party:' },
    });
  });

  test('markup-looking text stays as text (no HTML handling here)', () => {
    const [event] = mapper.fromDispatch(created(message('<b>bold</b> & <script>')));
    expect(event).toMatchObject({ message: { content: '<b>bold</b> & <script>' } });
  });
});

describe('reactions', () => {
  const on = (user: FakeUser, emoji: { id: string | null; name: string }, channelId = CHANNEL) => ({
    user,
    channelId,
    messageId: '1',
    guildId: GUILD,
    emoji,
  });
  const add = (user: FakeUser, emoji: { id: string | null; name: string }, channelId = CHANNEL) =>
    dispatch<GatewayMessageReactionAddDispatch>(
      E.MessageReactionAdd,
      reactionAdd({ ...on(user, emoji, channelId), messageAuthorId: bob.id }),
    );

  test('add and remove map per user and emoji; bots (by flag or our own id) are marked', () => {
    expect(mapper.fromDispatch(add(alice, { id: null, name: '👍' }))).toEqual([
      { type: 'reaction-added', messageId: '1', userId: alice.id, emoji: '👍', bot: false },
    ]);
    expect(mapper.fromDispatch(add(alice, { id: '777', name: 'blob' }))[0]).toMatchObject({ emoji: '777' });
    expect(mapper.fromDispatch(add({ id: '8', username: 'x', bot: true }, { id: null, name: '👍' }))[0]).toMatchObject({
      bot: true,
    });
    expect(mapper.fromDispatch(add({ id: BOT_ID, username: 'kansoku' }, { id: null, name: '✅' }))[0]).toMatchObject({
      bot: true,
    });
    expect(mapper.fromDispatch(add(alice, { id: null, name: '👍' }, OTHER_CHANNEL))).toEqual([]);
    const remove = dispatch<GatewayMessageReactionRemoveDispatch>(
      E.MessageReactionRemove,
      reactionRemove(on(alice, { id: null, name: '👍' })),
    );
    expect(mapper.fromDispatch(remove)).toEqual([
      { type: 'reaction-removed', messageId: '1', userId: alice.id, emoji: '👍' },
    ]);
  });

  test('remove-all and remove-emoji clear reactions; other channels are ignored', () => {
    const all = dispatch<GatewayMessageReactionRemoveAllDispatch>(E.MessageReactionRemoveAll, {
      channel_id: CHANNEL,
      message_id: '1',
      guild_id: GUILD,
    });
    expect(mapper.fromDispatch(all)).toEqual([{ type: 'reactions-cleared', messageId: '1', emoji: null }]);
    const one = dispatch<GatewayMessageReactionRemoveEmojiDispatch>(E.MessageReactionRemoveEmoji, {
      channel_id: CHANNEL,
      message_id: '1',
      guild_id: GUILD,
      emoji: { id: null, name: '🔥' },
    });
    expect(mapper.fromDispatch(one)).toEqual([{ type: 'reactions-cleared', messageId: '1', emoji: '🔥' }]);
    const elsewhere = dispatch<GatewayMessageReactionRemoveAllDispatch>(E.MessageReactionRemoveAll, {
      channel_id: OTHER_CHANNEL,
      message_id: '1',
    });
    expect(mapper.fromDispatch(elsewhere)).toEqual([]);
  });
});

describe('REST messages (backfill)', () => {
  test('become created snapshots with a vote floor and the nickname seen on the gateway', () => {
    mapper.fromDispatch(created(message('seen live')));
    const fetched: APIMessage = {
      ...message('missed', { channelId: THREAD }),
      edited_timestamp: '2026-01-01T00:00:00.000Z',
      reactions: [
        {
          emoji: { id: null, name: '👍' },
          count: 3,
          me: true,
          me_burst: false,
          burst_colors: [],
          count_details: { burst: 0, normal: 3 },
        },
        {
          emoji: { id: null, name: '🔥' },
          count: 1,
          me: false,
          me_burst: false,
          burst_colors: [],
          count_details: { burst: 0, normal: 1 },
        },
      ],
    };
    expect(mapper.fromRestMessage(fetched)).toEqual([
      {
        type: 'created',
        message: expect.objectContaining({
          author: expect.objectContaining({ name: 'Ali' }),
          voteFloor: 2,
          editedAt: Date.UTC(2026, 0, 1),
        }),
      },
    ]);
    expect(mapper.fromRestMessage(message('not ours', { channelId: OTHER_CHANNEL }))).toEqual([]);
  });
});
