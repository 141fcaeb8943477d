/**
 * @module Fixtures for discord-message tests: typed dispatch payloads and a mapper that has seen READY and
 * GUILD_CREATE.
 */
import {
  GatewayDispatchEvents,
  GatewayOpcodes,
  type APIMessage,
  type ApplicationFlags,
  type GatewayDispatchPayload,
  type GatewayGuildCreateDispatch,
  type GatewayMessageCreateDispatch,
  type GatewayReadyDispatch,
} from 'discord-api-types/v10';
import { createDiscordMessageMapper, type DiscordMessageMapper } from '../../../../server/questions/discord-message.ts';
import { apiRole, guildCreate, publicThread, textChannel } from '../../../harness/fake-discord/fake-guild.ts';
import { apiMessage, apiUser, gatewayMessage, type FakeUser } from '../../../harness/fake-discord/fake-payloads.ts';

export const GUILD = '100';
export const CHANNEL = '200';
export const OTHER_CHANNEL = '201';
export const THREAD = '300';
export const BOT_ID = '999';
export const alice: FakeUser = {
  id: '175928847299117063',
  username: 'alice',
  globalName: 'Alice',
  avatar: 'abc123',
  nick: 'Ali',
};
export const bob: FakeUser = { id: '80351110224678912', username: 'bob', globalName: null, avatar: null };
export const users = new Map([alice, bob].map((user) => [user.id, user]));

/** A dispatch frame whose `d` is type-checked against the event named by `t`. */
export function dispatch<P extends GatewayDispatchPayload>(t: P['t'], d: P['d']): GatewayDispatchPayload {
  return { op: GatewayOpcodes.Dispatch, t, s: 1, d } as GatewayDispatchPayload;
}

let nextId = 1_000;
export type MessageOverrides = { author?: FakeUser; channelId?: string; mentions?: FakeUser[]; type?: number };

/** A REST-shaped message in the configured channel by Alice, unless overridden. */
export function message(content: string, overrides: MessageOverrides = {}): APIMessage {
  const { author = alice, channelId = CHANNEL, ...rest } = overrides;
  return apiMessage({ id: String(nextId++), channelId, author, content, ...rest });
}

export const created = (m: APIMessage): GatewayDispatchPayload =>
  dispatch<GatewayMessageCreateDispatch>(GatewayDispatchEvents.MessageCreate, gatewayMessage(m, GUILD, users));

/** A mapper for CHANNEL in GUILD after READY (bot BOT_ID) and GUILD_CREATE (THREAD under CHANNEL, role 55). */
export function readyMapper(): DiscordMessageMapper {
  const mapper = createDiscordMessageMapper({ guildId: GUILD, channelId: CHANNEL });
  mapper.fromDispatch(
    dispatch<GatewayReadyDispatch>(GatewayDispatchEvents.Ready, {
      v: 10,
      user: apiUser({ id: BOT_ID, username: 'kansoku', bot: true }),
      guilds: [{ id: GUILD, unavailable: true }],
      session_id: 's',
      resume_gateway_url: 'ws://127.0.0.1:1/resume',
      application: { id: BOT_ID, flags: 0 as ApplicationFlags, flags_new: '0' },
    }),
  );
  const guild = guildCreate({
    guildId: GUILD,
    channels: [textChannel(CHANNEL, GUILD, 'event-qa'), textChannel(OTHER_CHANNEL, GUILD, 'general')],
    threads: [publicThread(THREAD, GUILD, CHANNEL, 'follow-ups')],
    roles: [apiRole('55', 'Speakers')],
  });
  // The fake sends only the GUILD_CREATE fields clients read; the rest of the guild object is omitted.
  mapper.fromDispatch(
    dispatch<GatewayGuildCreateDispatch>(GatewayDispatchEvents.GuildCreate, guild as GatewayGuildCreateDispatch['d']),
  );
  return mapper;
}
