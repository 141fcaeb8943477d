/**
 * @module DiscordRunner with a fake source: starts, restarts only on a new guild/channel, stops, and reports statuses.
 */
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import type { KansokuEvent } from '../../../../shared/event.ts';
import type { DiscordStatus } from '../../../../shared/question.ts';
import { createDiscordRunner, type DiscordSettings } from '../../../../server/questions/discord-runner.ts';
import type { DiscordSource, DiscordSourceOptions } from '../../../../server/questions/discord-source.ts';
import { makeEvent } from '../../../helpers/event-factory.ts';

const NOW = Date.UTC(2026, 0, 1, 12);

type FakeSource = DiscordSource & {
  options: DiscordSourceOptions;
  started: boolean;
  stopped: boolean;
  answered: string[];
};

function harness(settings: Partial<DiscordSettings> = {}) {
  const sources: FakeSource[] = [];
  const statuses: Array<{ eventId: string; status: DiscordStatus }> = [];
  const runner = createDiscordRunner({
    settings: { token: 'token', apiUrl: 'http://127.0.0.1:1/api', answerReaction: true, ...settings },
    logger: pino({ level: 'silent' }),
    now: () => NOW,
    prepare: async (eventId) => (eventId === 'evt-1' ? '123' : null),
    onEvent: () => undefined,
    onStatus: (eventId, status) => void statuses.push({ eventId, status }),
    createSource(options) {
      const source: FakeSource = {
        options,
        started: false,
        stopped: false,
        answered: [],
        async start() {
          source.started = true;
          options.onStatus({ state: 'connecting', since: NOW });
        },
        async stop() {
          source.stopped = true;
          options.onStatus({ state: 'disabled', since: NOW });
        },
        async markAnswered(messageId) {
          source.answered.push(messageId);
          return true;
        },
        status: () => ({ state: 'connecting', since: NOW }),
      };
      sources.push(source);
      return source;
    },
  });
  return { runner, sources, statuses };
}

const event = (discord: Partial<KansokuEvent['discord']> = {}, overrides: Partial<KansokuEvent> = {}): KansokuEvent =>
  makeEvent({
    id: 'evt-1',
    title: 'Show',
    discord: { guildId: '11', channelId: '22', registrationPattern: null, ...discord },
    createdAt: new Date(NOW).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
    ...overrides,
  });

describe('createDiscordRunner', () => {
  test('starts one source with the settings and the stored cursor; unrelated changes keep it', async () => {
    const { runner, sources, statuses } = harness();
    await runner.reconcile(event());
    await runner.reconcile(event({ registrationPattern: '^join' }, { title: 'Renamed', phase: 'ended' }));
    expect(sources).toHaveLength(1);
    expect(sources[0]?.options).toMatchObject({
      token: 'token',
      guildId: '11',
      channelId: '22',
      backfillAfter: '123',
      answerReaction: true,
    });
    expect(sources[0]?.started).toBe(true);
    expect(statuses).toEqual([{ eventId: 'evt-1', status: { state: 'connecting', since: NOW } }]);
    expect(await runner.markAnswered('evt-1', '99')).toBe(true);
    expect(sources[0]?.answered).toEqual(['99']);
    expect(await runner.markAnswered('evt-2', '99')).toBe(false);
  });

  test('a new channel restarts the source; the old source’s own statuses are not reported', async () => {
    const { runner, sources, statuses } = harness();
    await runner.reconcile(event());
    await runner.reconcile(event({ channelId: '33' }));
    expect(sources.map((s) => [s.options.channelId, s.stopped])).toEqual([
      ['22', true],
      ['33', false],
    ]);
    expect(statuses.map((s) => s.status.state)).toEqual(['connecting']); // no `disabled` between the two
  });

  test('no channel, or no token, means no source and a disabled status with the reason', async () => {
    const { runner, sources, statuses } = harness();
    await runner.reconcile(event());
    await runner.reconcile(event({ channelId: null }));
    expect(sources[0]?.stopped).toBe(true);
    expect(statuses.at(-1)?.status).toEqual({
      state: 'disabled',
      detail: 'No Discord server and channel are set for this event',
      since: NOW,
    });

    const off = harness({ token: undefined });
    expect(off.runner.status(event())).toEqual({ state: 'disabled', detail: 'DISCORD_TOKEN not set', since: NOW });
    await off.runner.reconcile(event());
    expect(off.sources).toHaveLength(0);
    expect(off.statuses).toHaveLength(1);
  });

  test('status before the first reconcile follows the plan; close stops every source and refuses new ones', async () => {
    const { runner, sources } = harness();
    expect(runner.status(event())).toEqual({ state: 'connecting', since: NOW });
    await Promise.all([runner.reconcile(event()), runner.reconcile(event({}, { id: 'evt-2' }))]);
    await runner.close();
    expect(sources.map((s) => s.stopped)).toEqual([true, true]);
    await runner.reconcile(event({}, { id: 'evt-3' }));
    expect(sources).toHaveLength(2);
  });

  test('release (another process leads now) stops the source and forgets its status; leading again restarts', async () => {
    const { runner, sources, statuses } = harness();
    await runner.reconcile(event());
    await runner.reconcile(event({}, { id: 'evt-2' }));
    sources[0]?.options.onStatus({ state: 'ready', since: NOW });
    expect(runner.status(event())).toMatchObject({ state: 'ready' });
    const closing = sources[0] as FakeSource;
    const stop = closing.stop.bind(closing);
    let whileStopping: DiscordStatus | undefined;
    closing.stop = () => ((whileStopping = runner.status(event())), stop());
    await runner.release('evt-1');
    expect(whileStopping).toEqual({ state: 'connecting', since: NOW }); // a gateway closing is not "ready" meanwhile
    expect(sources.map((s) => s.stopped)).toEqual([true, false]);
    expect(statuses.filter((s) => s.status.state === 'disabled')).toEqual([]); // the stop itself is not reported
    expect(runner.status(event())).toEqual({ state: 'connecting', since: NOW }); // back to what the plan implies
    expect(await runner.markAnswered('evt-1', 'm-1')).toBe(false);
    await runner.reconcile(event());
    expect(sources).toHaveLength(3);
    expect(sources[2]?.started).toBe(true);
  });
});
