/** @module discord-message: messages and deletes → question events, scoped to the channel and its threads. */
import {
  GatewayDispatchEvents as E,
  type GatewayMessageCreateDispatch,
  type GatewayMessageDeleteBulkDispatch,
  type GatewayMessageDeleteDispatch,
  type GatewayMessageUpdateDispatch,
  type GatewayThreadCreateDispatch,
  type GatewayThreadDeleteDispatch,
} from 'discord-api-types/v10';
import { beforeEach, describe, expect, test } from 'vitest';
import type { DiscordMessageMapper } from '../../../../server/questions/discord-message.ts';
import { publicThread } from '../../../harness/fake-discord/fake-guild.ts';
import { gatewayMessage, type FakeUser } from '../../../harness/fake-discord/fake-payloads.ts';
import {
  alice,
  bob,
  CHANNEL,
  created,
  dispatch,
  GUILD,
  message,
  OTHER_CHANNEL,
  readyMapper,
  THREAD,
  users,
} from './mapper-fixtures.ts';

let mapper: DiscordMessageMapper;
beforeEach(() => {
  mapper = readyMapper();
});

describe('messages', () => {
  test('MESSAGE_CREATE in the channel becomes a created snapshot with display name and avatar', () => {
    const m = message('How do I join?');
    expect(mapper.fromDispatch(created(m))).toEqual([
      {
        type: 'created',
        message: {
          messageId: m.id,
          channelId: CHANNEL,
          author: { id: alice.id, name: 'Ali', avatarUrl: `https://cdn.discordapp.com/avatars/${alice.id}/abc123.png` },
          content: 'How do I join?',
          createdAt: Date.parse(m.timestamp),
          editedAt: null,
          voteFloor: 0,
        },
      },
    ]);
  });

  test('display name falls back to global name, then username; no hash → default avatar', () => {
    const [event] = mapper.fromDispatch(created(message('hi', { author: bob })));
    // (80351110224678912 >> 22) % 6 = 5
    expect(event).toMatchObject({
      message: { author: { name: 'bob', avatarUrl: 'https://cdn.discordapp.com/embed/avatars/5.png' } },
    });
    const carol: FakeUser = { id: '3', username: 'carol', globalName: 'Carol' };
    expect(mapper.fromDispatch(created(message('hi', { author: carol })))[0]).toMatchObject({
      message: { author: { name: 'Carol' } },
    });
  });

  test('only the configured channel, its threads, human authors and plain messages or replies count', () => {
    expect(mapper.fromDispatch(created(message('elsewhere', { channelId: OTHER_CHANNEL })))).toEqual([]);
    expect(mapper.fromDispatch(created(message('bot', { author: { id: '7', username: 'b', bot: true } })))).toEqual([]);
    expect(mapper.fromDispatch(created(message('joined', { type: 7 })))).toEqual([]);
    expect(mapper.fromDispatch(created(message('reply', { type: 19 })))).toHaveLength(1);
    expect(mapper.fromDispatch(created(message('thread', { channelId: THREAD })))[0]).toMatchObject({
      message: { channelId: THREAD },
    });
    const foreign = { ...gatewayMessage(message('other guild'), '555', users) };
    expect(mapper.fromDispatch(dispatch<GatewayMessageCreateDispatch>(E.MessageCreate, foreign))).toEqual([]);
  });

  test('threads are learned from THREAD_CREATE and forgotten on THREAD_DELETE', () => {
    const thread = publicThread('301', GUILD, CHANNEL, 'new');
    const elsewhere = publicThread('302', GUILD, OTHER_CHANNEL, 'not ours');
    mapper.fromDispatch(dispatch<GatewayThreadCreateDispatch>(E.ThreadCreate, { ...thread, newly_created: true }));
    mapper.fromDispatch(dispatch<GatewayThreadCreateDispatch>(E.ThreadCreate, elsewhere));
    expect(mapper.threadIds().sort()).toEqual([THREAD, '301']);
    expect(mapper.fromDispatch(created(message('in new thread', { channelId: '301' })))).toHaveLength(1);
    expect(mapper.fromDispatch(created(message('in foreign thread', { channelId: '302' })))).toEqual([]);
    mapper.fromDispatch(
      dispatch<GatewayThreadDeleteDispatch>(E.ThreadDelete, {
        id: '301',
        guild_id: GUILD,
        parent_id: CHANNEL,
        type: 11,
      }),
    );
    expect(mapper.threadIds()).toEqual([THREAD]);
  });

  test('MESSAGE_UPDATE carries the edit time; deletes map one by one', () => {
    const edited = { ...message('edited'), edited_timestamp: '2026-01-01T12:00:00.000Z' };
    const update = dispatch<GatewayMessageUpdateDispatch>(E.MessageUpdate, gatewayMessage(edited, GUILD, users));
    expect(mapper.fromDispatch(update)[0]).toMatchObject({
      type: 'updated',
      message: { editedAt: Date.UTC(2026, 0, 1, 12) },
    });
    const gone = dispatch<GatewayMessageDeleteDispatch>(E.MessageDelete, {
      id: '1',
      channel_id: CHANNEL,
      guild_id: GUILD,
    });
    expect(mapper.fromDispatch(gone)).toEqual([{ type: 'deleted', messageId: '1' }]);
    const bulk = dispatch<GatewayMessageDeleteBulkDispatch>(E.MessageDeleteBulk, {
      ids: ['2', '3'],
      channel_id: THREAD,
      guild_id: GUILD,
    });
    expect(mapper.fromDispatch(bulk)).toEqual([
      { type: 'deleted', messageId: '2' },
      { type: 'deleted', messageId: '3' },
    ]);
  });
});
