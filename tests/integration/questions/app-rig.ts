/**
 * @module Test rig: the real app (Discord pointed at the fake), an event on the fake's channel and host dashboards that
 * record pushes.
 */
import type { KansokuEvent } from '../../../shared/event.ts';
import type { DiscordStatusUpdate, Question, QuestionsView, RegistrationsUpdate } from '../../../shared/question.ts';
import type { SqlDialect } from '../../../server/db/schema.ts';
import {
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
} from '../../harness/fake-discord/fake-discord.ts';
import { afterEach } from 'vitest';
import {
  connected,
  hostSocket,
  socketPool,
  waitFor,
  type HostSocket,
  type ViewerSocket,
} from '../../helpers/clients.ts';
import { startTestServer, type TestServer } from '../../helpers/start-test-server.ts';

/** What one dashboard received, in order. */
export type Dashboard = {
  socket: HostSocket;
  news: Question[];
  updates: Question[];
  registrations: RegistrationsUpdate[];
  statuses: DiscordStatusUpdate[];
  /** The newest version of a question this dashboard saw (by `question:new` or `question:updated`). */
  latest(questionId: string): Question | undefined;
  list(): Promise<QuestionsView>;
};

export type AppRig = {
  fake: FakeDiscord;
  server: TestServer;
  event: KansokuEvent;
  dashboards: Dashboard[];
  /** Connects a dashboard, subscribes it to the event and records what it receives. */
  dashboard(eventId?: string): Promise<Dashboard>;
  /** Polls `questions:list` until Discord is `ready`. */
  ready(dashboard: Dashboard): Promise<void>;
  /** Restarts the app on the same storage (the fake keeps running); old dashboards are disconnected. */
  restart(): Promise<void>;
  stop(): Promise<void>;
};

export type AppRigOptions = {
  /** DISCORD_TOKEN set (default true). */
  token?: boolean;
  answerReaction?: boolean;
  fake?: Partial<FakeDiscordOptions>;
  /** Discord settings on the event (default: the fake's guild and channel, no pattern); null = none. */
  discord?: Partial<KansokuEvent['discord']> | null;
  dialect?: SqlDialect;
  env?: Record<string, string>;
};

export async function startAppRig(options: AppRigOptions = {}): Promise<AppRig> {
  const fake = await startFakeDiscord(options.fake);
  const env: Record<string, string> = {
    DISCORD_API_URL: fake.apiUrl,
    KANSOKU_DISCORD_ANSWER_REACTION: String(options.answerReaction ?? false),
    ...(options.token === false ? {} : { DISCORD_TOKEN: fake.options.token }),
    ...options.env,
  };
  const server = await startTestServer(options.dialect ?? 'sqlite', { env });
  const discord =
    options.discord === null
      ? { guildId: null, channelId: null, registrationPattern: null }
      : {
          guildId: fake.options.guildId,
          channelId: fake.options.channelId,
          registrationPattern: null,
          ...options.discord,
        };
  const event = await server.createEvent({ discord });
  const dashboards: Dashboard[] = [];

  async function dashboard(eventId = event.id): Promise<Dashboard> {
    const socket = hostSocket(server.url);
    const d: Dashboard = {
      socket,
      news: [],
      updates: [],
      registrations: [],
      statuses: [],
      latest: (id) => [...d.news, ...d.updates].filter((q) => q.id === id).at(-1),
      async list() {
        const result = await socket.emitWithAck('questions:list', { eventId });
        if (!result.ok) throw new Error(`questions:list: ${result.error}`);
        return result.data;
      },
    };
    socket.on('question:new', (q) => void d.news.push(q));
    socket.on('question:updated', (q) => void d.updates.push(q));
    socket.on('questions:registrations', (r) => void d.registrations.push(r));
    socket.on('discord:status', (s) => void d.statuses.push(s));
    dashboards.push(d);
    await connected(socket);
    const subscribed = await socket.emitWithAck('host:subscribe', { eventId });
    if (!subscribed.ok) throw new Error(`host:subscribe: ${subscribed.error}`);
    return d;
  }

  const disconnectAll = () => {
    for (const d of dashboards.splice(0)) d.socket.disconnect();
  };

  return {
    fake,
    server,
    event,
    dashboards,
    dashboard,
    async ready(d) {
      await waitFor(
        async () => ((await d.list()).status.state === 'ready' ? true : undefined),
        10_000,
        'Discord ready',
      );
    },
    async restart() {
      disconnectAll();
      await server.restart();
    },
    async stop() {
      disconnectAll();
      await server.close();
      await fake.close();
    },
  };
}

/**
 * An app rig per test, stopped after it, with a socket pool: `start` replaces `startAppRig` in the test, `viewer`
 * opens a viewer socket of a session on the rig's event.
 */
export function appRigPerTest() {
  const pool = socketPool();
  let rig: AppRig | null = null;
  afterEach(async () => {
    pool.closeAll();
    await rig?.stop();
    rig = null;
  });
  return {
    pool,
    start: async (options: AppRigOptions = {}): Promise<AppRig> => (rig = await startAppRig(options)),
    viewer: (r: AppRig, sessionId: string): Promise<ViewerSocket> =>
      pool.viewer(r.server.url, { eventId: r.event.id, sessionId }),
  };
}
