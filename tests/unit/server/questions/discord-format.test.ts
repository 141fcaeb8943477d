/**
 * @module discord-format and discord-status: names, avatars, markup, snowflakes, and close codes → host-facing status.
 */
import { describe, expect, test } from 'vitest';
import {
  avatarUrl,
  displayName,
  readableContent,
  snowflakeFromTime,
  type MentionNames,
} from '../../../../server/questions/discord-format.ts';
import { pino } from 'pino';
import type { DiscordStatus } from '../../../../shared/question.ts';
import {
  ADVICE,
  closeStatus,
  connectFailureStatus,
  createStatusTracker,
  isFatalCloseCode,
} from '../../../../server/questions/discord-status.ts';

const noNames: MentionNames = { user: () => undefined, channel: () => undefined, role: () => undefined };

describe('discord-format', () => {
  test('display name: nick, then global name, then username', () => {
    expect(displayName({ username: 'u', global_name: 'G' }, 'N')).toBe('N');
    expect(displayName({ username: 'u', global_name: 'G' }, null)).toBe('G');
    expect(displayName({ username: 'u', global_name: null })).toBe('u');
  });

  test('avatar URL from the hash, else the default avatar', () => {
    expect(avatarUrl({ id: '42', avatar: 'a_anim', discriminator: '0' })).toBe(
      'https://cdn.discordapp.com/avatars/42/a_anim.png',
    );
    expect(avatarUrl({ id: '175928847299117063', avatar: null, discriminator: '0' })).toBe(
      'https://cdn.discordapp.com/embed/avatars/2.png', // (175928847299117063 >> 22) % 6,
    );
    expect(avatarUrl({ id: '1', avatar: null, discriminator: '1337' })).toBe(
      'https://cdn.discordapp.com/embed/avatars/2.png',
    );
  });

  test('snowflakeFromTime is the smallest id at that millisecond', () => {
    expect(snowflakeFromTime(1_420_070_400_000)).toBe('0');
    expect(snowflakeFromTime(1_420_070_400_001)).toBe(String(1 << 22));
    expect(snowflakeFromTime(0)).toBe('0');
  });

  test('readable content: commands, timestamps and unknown mentions', () => {
    expect(readableContent('run </ask:123> at <t:1767268800:R>', noNames)).toBe('run /ask at 2026-01-01T12:00:00.000Z');
    expect(readableContent('<@1> <@&2> <#3>', noNames)).toBe('<@1> <@&2> #channel');
    expect(readableContent('plain & <i>text</i>', noNames)).toBe('plain & <i>text</i>');
  });
});

describe('discord-status', () => {
  test('fatal close codes carry advice in English and Japanese', () => {
    expect(closeStatus(4004)).toEqual({
      state: 'error',
      detail: 'Gateway closed with 4004: authentication failed',
      advice: ADVICE.badToken,
    });
    expect(closeStatus(4014).advice).toBe(ADVICE.messageContent);
    expect(ADVICE.badToken).toMatch(/Reset Token[\s\S]*トークンを再発行/);
    expect(ADVICE.messageContent).toMatch(/MESSAGE CONTENT INTENT[\s\S]*オンにして/);
    expect([4004, 4010, 4011, 4012, 4013, 4014].every(isFatalCloseCode)).toBe(true);
  });

  test('other closes resume or start a new session', () => {
    expect(closeStatus(4000).state).toBe('resuming');
    expect(closeStatus(1006).state).toBe('resuming');
    expect(closeStatus(1000).state).toBe('connecting');
    expect(closeStatus(4007).state).toBe('connecting');
    expect(isFatalCloseCode(4000)).toBe(false);
  });

  test('connect failures: 401 means a bad token; others will be retried', () => {
    expect(connectFailureStatus(Object.assign(new Error('401: Unauthorized'), { status: 401 }), 30_000)).toMatchObject({
      advice: ADVICE.badToken,
    });
    expect(connectFailureStatus(new Error('connect ECONNREFUSED'), 30_000)).toEqual({
      state: 'error',
      detail: 'Could not connect to Discord (connect ECONNREFUSED); retrying in 30 s',
    });
  });

  test('the tracker reports changes only and keeps `since` while the state holds', () => {
    let now = 1_000;
    const seen: DiscordStatus[] = [];
    const tracker = createStatusTracker({
      now: () => now,
      log: pino({ level: 'silent' }),
      onStatus: (s) => void seen.push(s),
    });
    expect(tracker.get()).toEqual({ state: 'disabled', since: 1_000 });
    now = 2_000;
    tracker.set({ state: 'ready' });
    now = 3_000;
    tracker.set({ state: 'ready' });
    tracker.set({ state: 'ready', detail: 'Backfill failed; retrying in 30 s' });
    expect(seen).toEqual([
      { state: 'ready', since: 2_000 },
      { state: 'ready', detail: 'Backfill failed; retrying in 30 s', since: 2_000 },
    ]);
  });
});
