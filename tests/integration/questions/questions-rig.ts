/**
 * @module Test rig: the fake Discord, the real discord-source and a question book, wired the way the server wires them.
 */
import { pino } from 'pino';
import type { DiscordStatus } from '../../../shared/question.ts';
import {
  createDiscordSource,
  type DiscordSource,
  type DiscordSourceOptions,
} from '../../../server/questions/discord-source.ts';
import { createQuestionBook, type BookChange, type QuestionBook } from '../../../server/questions/question-book.ts';
import {
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
} from '../../harness/fake-discord/fake-discord.ts';

export type Rig = {
  fake: FakeDiscord;
  source: DiscordSource;
  book: QuestionBook;
  statuses: DiscordStatus[];
  changes: BookChange[];
  /** Every log line the source wrote, at trace level. */
  logs: string[];
  stop(): Promise<void>;
};

export type RigOptions = {
  fake?: Partial<FakeDiscordOptions>;
  source?: Partial<DiscordSourceOptions>;
  registrationPattern?: string | null;
};

/** Starts the fake and the source (not yet connected: call `rig.source.start()`). */
export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const fake = await startFakeDiscord(options.fake);
  const book = createQuestionBook({ eventId: 'evt-1', registrationPattern: options.registrationPattern ?? null });
  const statuses: DiscordStatus[] = [];
  const changes: BookChange[] = [];
  const logs: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
  const source = createDiscordSource({
    token: fake.options.token,
    apiUrl: fake.apiUrl,
    guildId: fake.options.guildId,
    channelId: fake.options.channelId,
    logger,
    onEvent: (event) => {
      const change = book.apply(event);
      if (change.kind !== 'none') changes.push(change);
    },
    onStatus: (status) => void statuses.push(status),
    identifyThrottle: false,
    retryDelayMs: 200,
    ...options.source,
  });
  return {
    fake,
    source,
    book,
    statuses,
    changes,
    logs,
    async stop() {
      await source.stop();
      await fake.close();
    },
  };
}
