/** @module Builders for the fake guild's objects: text channels, threads, roles and the GUILD_CREATE payload. */
import type {
  APIGuildTextChannel,
  APIRole,
  APIThreadChannel,
  ChannelFlags,
  ChannelType,
  GatewayGuildCreateDispatchData,
  RoleFlags,
} from 'discord-api-types/v10';

export function textChannel(id: string, guildId: string, name: string): APIGuildTextChannel<ChannelType.GuildText> {
  return {
    id,
    guild_id: guildId,
    name,
    type: 0 as ChannelType.GuildText,
    position: 0,
    parent_id: null,
    nsfw: false,
    flags: 0 as ChannelFlags,
  };
}

export function publicThread(id: string, guildId: string, parentId: string, name: string): APIThreadChannel {
  return {
    id,
    guild_id: guildId,
    parent_id: parentId,
    name,
    type: 11 as ChannelType.PublicThread,
    flags: 0 as ChannelFlags,
    owner_id: '1',
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
  };
}

export function apiRole(id: string, name: string): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: 1,
    permissions: '0',
    managed: false,
    mentionable: true,
    flags: 0 as RoleFlags,
  };
}

export type GuildCreateInput = {
  guildId: string;
  channels: APIGuildTextChannel<ChannelType.GuildText>[];
  threads: APIThreadChannel[];
  roles?: APIRole[];
};

/** The fields of GUILD_CREATE that clients read; the rest of the guild object is omitted. */
export function guildCreate(input: GuildCreateInput): Partial<GatewayGuildCreateDispatchData> {
  return {
    id: input.guildId,
    name: 'Kansoku test guild',
    icon: null,
    owner_id: '1',
    unavailable: false,
    member_count: 3,
    large: false,
    joined_at: '2025-01-01T00:00:00.000Z',
    roles: input.roles ?? [],
    emojis: [],
    stickers: [],
    features: [],
    channels: input.channels,
    threads: input.threads,
    members: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
