/**
 * @module When the app runs a Discord source, and the status dashboards see: disabled, error with advice, restarts on
 * new settings.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { ADVICE } from '../../../server/questions/discord-status.ts';
import { PATTERN_ADVICE } from '../../../server/questions/question-policy.ts';
import { FAKE_USERS } from '../../harness/fake-discord/fake-discord.ts';
import { waitFor } from '../../helpers/clients.ts';
import { startAppRig, type AppRig } from './app-rig.ts';

let rig: AppRig | null = null;

afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const patch = (r: AppRig, body: unknown) =>
  r.server.api(`/api/events/${r.event.id}`, { method: 'PATCH', body: JSON.stringify(body) });
const fakeChannel = (r: AppRig) => ({ guildId: r.fake.options.guildId, channelId: r.fake.options.channelId });

describe('Discord source lifecycle', () => {
  test('without DISCORD_TOKEN the status is disabled and nothing connects', async () => {
    const r = (rig = await startAppRig({ token: false }));
    const d = await r.dashboard();
    const view = await d.list();
    expect(view).toMatchObject({
      questions: [],
      registrations: 0,
      status: { state: 'disabled', detail: 'DISCORD_TOKEN not set' },
    });
    expect(r.fake.gatewayStats.connections).toBe(0);
    expect(r.fake.requests).toHaveLength(0);
  });

  test('close 4014 reaches the dashboard as discord:status error with the MESSAGE CONTENT advice', async () => {
    const r = (rig = await startAppRig({ fake: { messageContentEnabled: false }, discord: null }));
    const d = await r.dashboard();
    expect((await d.list()).status).toMatchObject({
      state: 'disabled',
      detail: 'No Discord server and channel are set for this event',
    });
    expect((await patch(r, { discord: fakeChannel(r) })).status).toBe(200);
    const error = await waitFor(() => d.statuses.find((s) => s.status.state === 'error'), 5_000, 'the error status');
    expect(error).toMatchObject({
      eventId: r.event.id,
      status: { state: 'error', detail: 'Gateway closed with 4014: disallowed intents', advice: ADVICE.messageContent },
    });
    expect(d.statuses.map((s) => s.status.state)).toEqual(['connecting', 'error']);
    expect((await d.list()).status.advice).toContain('MESSAGE CONTENT INTENT');
    expect(r.fake.gatewayStats.connections).toBe(1); // fatal: no reconnect loop
  });

  test('an invalid registration pattern is an error with advice, not a crash; fixing it connects', async () => {
    const r = (rig = await startAppRig({ discord: { registrationPattern: '(unclosed' } }));
    const d = await r.dashboard();
    const status = (await d.list()).status;
    expect(status).toMatchObject({ state: 'error', advice: PATTERN_ADVICE });
    expect(status.detail).toContain('not a valid regular expression');
    expect(r.fake.gatewayStats.connections).toBe(0);

    await patch(r, { discord: { ...fakeChannel(r), registrationPattern: '^join' } });
    await waitFor(() => d.statuses.find((s) => s.status.state === 'ready'), 5_000, 'ready after the fix');
    r.fake.postMessage({ content: 'join', author: FAKE_USERS.bob });
    await waitFor(() => (d.registrations.at(-1)?.count === 1 ? true : undefined), 2_000, 'the registration');
  });

  test('removing the channel stops the source; an ended event keeps it; other edits do not reconnect', async () => {
    const r = (rig = await startAppRig());
    const d = await r.dashboard();
    await r.ready(d);
    await patch(r, { title: 'Renamed' });
    await patch(r, { phase: 'ended' });
    const posted = r.fake.postMessage({ content: 'Thanks, great show!' });
    await waitFor(() => d.latest(`discord-${posted.id}`), 2_000, 'a question after the end');
    expect(r.fake.gatewayStats.identifies).toBe(1);

    await patch(r, { discord: { guildId: null, channelId: null } });
    await waitFor(() => d.statuses.find((s) => s.status.state === 'disabled'), 5_000, 'disabled');
    expect(d.statuses.at(-1)?.status.detail).toBe('No Discord server and channel are set for this event');
    // The source let go of the gateway: a message posted now has nobody to reach.
    await waitFor(() => (r.fake.openConnections() === 0 ? true : undefined), 5_000, 'the gateway socket closed');
    r.fake.postMessage({ content: 'Nobody listens now' });
    expect(d.news).toHaveLength(1);
  });

  test('a new guild or channel restarts the source', async () => {
    const r = (rig = await startAppRig({ discord: { guildId: '100000000000000999' } }));
    const d = await r.dashboard();
    await waitFor(async () => ((await d.list()).status.state === 'error' ? true : undefined), 5_000, 'not in guild');
    expect((await d.list()).status.detail).toContain('not a member of guild 100000000000000999');
    await patch(r, { discord: fakeChannel(r) });
    await r.ready(d);
    expect(r.fake.gatewayStats.identifies).toBe(2);
  });
});
