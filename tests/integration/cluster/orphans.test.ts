/**
 * Sessions a dead process of a cluster left open (real Redis, real PostgreSQL record): the leader ends as `lost`, at
 * their last sign of life, the open sessions nothing was stored of for ORPHAN_SILENT_MS that no live process holds;
 * it leaves alone those a live process holds or just took over, recent ones and ended ones, and ends each orphan once.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEventStore } from '../../../server/events/event-store.ts';
import { connectViewer, createMonitor } from '../../../server/live/event-monitor.ts';
import { createOrphans, ORPHAN_SILENT_MS } from '../../../server/cluster/orphans.ts';
import { openRedis, type RedisLink } from '../../../server/cluster/redis-link.ts';
import { createQueries } from '../../../server/storage/queries.ts';
import { createWriter } from '../../../server/storage/write-batch.ts';
import { parseUserAgent } from '../../../shared/user-agent.ts';
import { CHROME_UA } from '../../helpers/clients.ts';
import { openTestStorage, type TestStorage } from '../../helpers/test-storage.ts';
import { eventInput, sessionRow, T0 } from '../db/fixtures.ts';
import { SHARED_REDIS_URL } from './cluster-rig.ts';

const logger = pino({ level: 'silent' });
const NOW = T0 + 10 * 60_000;
const prefix = `kansoku-test-${randomBytes(4).toString('hex')}:`;
let t: TestStorage;
let redis: RedisLink;

beforeAll(async () => {
  t = await openTestStorage('postgres');
  redis = await openRedis(SHARED_REDIS_URL, prefix, logger);
});
afterAll(async () => {
  for (const key of await redis.commands.keys(`${prefix}*`)) await redis.commands.del(key);
  await redis.close();
  await t.close();
});

it('ends the open sessions no live process holds, once, at their last sign of life', async () => {
  const eventId = (await createEventStore(t.storage.db).create(eventInput(), T0)).id;
  const old = NOW - ORPHAN_SILENT_MS - 60_000;
  await createWriter(t.storage.db).upsertSessions([
    sessionRow(eventId, 'held-by-live', { lastSeen: old }),
    sessionRow(eventId, 'held-by-dead', { lastSeen: old }),
    sessionRow(eventId, 'held-by-none', { lastSeen: old + 1 }),
    sessionRow(eventId, 'just-adopted', { lastSeen: old }),
    sessionRow(eventId, 'recent', { lastSeen: NOW - 10_000 }),
    sessionRow(eventId, 'ended', { lastSeen: old, ending: 'left', endedAt: old }),
  ]);
  const clock = { now: () => NOW };
  const processOf = (instance: string, sessionId: string) => {
    const m = createMonitor(eventId, 'live', T0);
    connectViewer(m, sessionId, parseUserAgent(CHROME_UA), NOW);
    const orphans = createOrphans({ redis, instance, db: t.storage.db, clock, logger });
    return { orphans, hold: () => orphans.hold([m]) };
  };
  const live = processOf('live-process', 'held-by-live');
  const dead = processOf('dead-process', 'held-by-dead');
  await Promise.all([live.hold(), dead.hold()]);
  await live.orphans.claim(eventId, 'live', 'just-adopted'); // its viewer came back to the live process a moment ago
  await redis.commands.del(`${prefix}alive:dead-process`); // its alive key ran out: it stopped saying so

  expect((await live.orphans.sweep(eventId, 'live')).sort()).toEqual(['held-by-dead', 'held-by-none']);
  const sessions = new Map(
    (await createQueries(t.storage.db).listSessions(eventId, 'live')).map((s) => [s.sessionId, s]),
  );
  expect(sessions.get('held-by-dead')).toMatchObject({ ending: 'lost', endedAt: old });
  expect(sessions.get('held-by-none')).toMatchObject({ ending: 'lost', endedAt: old + 1 });
  expect(sessions.get('held-by-live')?.ending).toBeNull();
  expect(sessions.get('just-adopted')?.ending).toBeNull();
  expect(sessions.get('recent')?.ending).toBeNull();
  expect(sessions.get('ended')).toMatchObject({ ending: 'left', endedAt: old });
  expect(await live.orphans.sweep(eventId, 'live')).toEqual([]);
});
