/**
 * @module Fatal setups against the fake Discord: the host gets an error status with advice, and nothing retries in a
 * loop.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { ADVICE } from '../../../server/questions/discord-status.ts';
import { waitUntil } from '../../harness/fake-discord/wait-until.ts';
import { startRig, type Rig } from './questions-rig.ts';

/** How long @discordjs/ws waits before it reconnects a dropped shard. */
const LIBRARY_RECONNECT_MS = 500;

let rig: Rig | null = null;

afterEach(async () => {
  await rig?.stop();
  rig = null;
});

describe('discord-source failures', () => {
  test('close 4014 (MESSAGE CONTENT intent off in the portal) → error with advice, no reconnect', async () => {
    const r = (rig = await startRig({ fake: { messageContentEnabled: false } }));
    await r.source.start();
    expect(r.source.status()).toMatchObject({
      state: 'error',
      detail: 'Gateway closed with 4014: disallowed intents',
      advice: ADVICE.messageContent,
    });
    expect(r.source.status().advice).toContain('MESSAGE CONTENT INTENT');
    expect(r.source.status().advice).toContain('をオンにして');
    expect(r.fake.gatewayStats.connections).toBe(1);
  });

  test('an IDENTIFY without the MESSAGE_CONTENT bit is refused by the strict fake with 4014', async () => {
    const r = (rig = await startRig({ fake: { requiredIntents: 1 << 16 } }));
    await r.source.start();
    expect(r.source.status()).toMatchObject({ state: 'error', advice: ADVICE.messageContent });
  });

  test('a wrong token at the gateway → close 4004 → error with token advice', async () => {
    // REST does not check the token here, as if it was revoked between /gateway/bot and IDENTIFY.
    const r = (rig = await startRig({ fake: { checkRestToken: false }, source: { token: 'wrong.token' } }));
    await r.source.start();
    expect(r.source.status()).toMatchObject({
      state: 'error',
      detail: 'Gateway closed with 4004: authentication failed',
      advice: ADVICE.badToken,
    });
    expect(r.fake.gatewayStats.identifies).toBe(0);
    expect(r.logs.join('\n')).not.toContain('wrong.token');
  });

  test('a wrong token at REST (401 on /gateway/bot) → the same advice, and no retry', async () => {
    const r = (rig = await startRig({ source: { token: 'wrong.token' } }));
    await r.source.start();
    expect(r.source.status()).toMatchObject({
      state: 'error',
      detail: 'Discord answered 401 Unauthorized',
      advice: ADVICE.badToken,
    });
    expect(r.fake.requests.map((request) => request.status)).toEqual([401]);
    expect(r.fake.gatewayStats.connections).toBe(0);
  });

  test('a bot that is not in the configured guild is reported', async () => {
    const r = (rig = await startRig({ source: { guildId: '100000000000000999' } }));
    await r.source.start();
    await waitUntil(() => r.source.status().state === 'error');
    expect(r.source.status().detail).toContain('not a member of guild 100000000000000999');
  });

  test('a failed connect (rate-limited /gateway/bot) is reported and retried', async () => {
    const r = (rig = await startRig({ source: { maxRateLimitWaitMs: 1_000 } }));
    r.fake.rateLimitNext({ path: /\/gateway\/bot$/, retryAfterSeconds: 3_600, count: 2 });
    await r.source.start();
    expect(r.source.status()).toMatchObject({ state: 'error', detail: expect.stringContaining('retrying in 0 s') });
    await waitUntil(() => r.source.status().state === 'ready', { what: 'the retried connect' });
    expect(
      r.fake.requests.filter((request) => request.path === '/api/v10/gateway/bot').map((request) => request.status),
    ).toEqual([429, 429, 200]);
  });

  test('stop() during a reconnect leaves no connection behind', async () => {
    const r = (rig = await startRig());
    await r.source.start();
    r.fake.dropConnection(4000);
    await waitUntil(() => r.source.status().state === 'resuming');
    await r.source.stop();
    // The library reconnects 500 ms after a drop, even if destroyed meanwhile, on a timer of its own that nothing
    // outside it can observe: the one wait of the suite that is not for a condition is twice that long.
    const connections = r.fake.gatewayStats.connections;
    await new Promise((resolve) => setTimeout(resolve, 2 * LIBRARY_RECONNECT_MS));
    expect(r.fake.gatewayStats.connections).toBe(connections);
  });

  test('stop() reports disabled and closes the gateway session', async () => {
    const r = (rig = await startRig());
    await r.source.start();
    await r.source.stop();
    expect(r.source.status().state).toBe('disabled');
    expect(r.statuses.map((s) => s.state)).toEqual(['connecting', 'ready', 'disabled']);
  });
});
