/** @module The question feature's settings in loadConfig: Discord token and API URL, the ✅ reaction flag, retention. */
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../../../server/config.ts';

describe('question settings', () => {
  test('defaults: Discord off, the public API, no ✅ reaction, 30 days of retention', () => {
    expect(loadConfig({})).toMatchObject({
      discordToken: undefined,
      discordApiUrl: 'https://discord.com/api',
      discordAnswerReaction: false,
      questionRetentionDays: 30,
    });
  });

  test('reads every variable; the API URL loses a trailing slash; flags accept the usual spellings', () => {
    const config = loadConfig({
      DISCORD_TOKEN: ' bot.token ',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
      KANSOKU_DISCORD_ANSWER_REACTION: 'TRUE',
      KANSOKU_QUESTION_RETENTION_DAYS: '7',
    });
    expect(config).toMatchObject({
      discordToken: 'bot.token',
      discordApiUrl: 'http://127.0.0.1:9999/api',
      discordAnswerReaction: true,
      questionRetentionDays: 7,
    });
    for (const [raw, value] of [
      ['1', true],
      ['yes', true],
      ['on', true],
      ['0', false],
      ['no', false],
      ['off', false],
    ] as const) {
      expect(loadConfig({ KANSOKU_DISCORD_ANSWER_REACTION: raw }).discordAnswerReaction).toBe(value);
    }
    expect(loadConfig({ DISCORD_TOKEN: '' }).discordToken).toBeUndefined();
  });

  test('bad values fail fast by name, without echoing the token', () => {
    const attempt = () =>
      loadConfig({
        DISCORD_TOKEN: 'secret.token',
        DISCORD_API_URL: 'not a url',
        KANSOKU_DISCORD_ANSWER_REACTION: 'maybe',
        KANSOKU_QUESTION_RETENTION_DAYS: '0',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /DISCORD_API_URL: must be a URL[\s\S]*KANSOKU_DISCORD_ANSWER_REACTION: must be true or false[\s\S]*KANSOKU_QUESTION_RETENTION_DAYS/,
    );
    expect(attempt).not.toThrow(/secret\.token/);
  });
});
