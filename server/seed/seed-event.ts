/**
 * @module Writes a finished synthetic event through the real storage layer (event store, batched writer, marker,
 * alert and question stores): sessions with their 10 s history and failures in large transactions, then the 1 s
 * ticks, markers, an alert, questions and registrations. Returns the event id.
 */
import type { Storage } from '../db/database.ts';
import { createAlertStore } from '../alerts/alert-store.ts';
import { createEventStore } from '../events/event-store.ts';
import { createMarkerStore } from '../markers/marker-store.ts';
import { createQuestionStore } from '../questions/question-store.ts';
import { createRng } from '../simulator/prng.ts';
import { writeBatch } from '../storage/write-batch.ts';
import type { Tick } from '../../shared/tick.ts';
import { seedSession } from './seed-session.ts';
import { createTickSeeder } from './seed-ticks.ts';

export type SeedOptions = {
  viewers: number;
  minutes: number;
  seed: number;
  startMs: number;
  onProgress?: (done: number) => void;
};

/** Sessions per transaction: ~100 k history rows for a 2-hour event, well under both engines' limits. */
const SESSIONS_PER_BATCH = 150;
const TICKS_PER_BATCH = 1_800;

export async function seedEvent(storage: Storage, o: SeedOptions): Promise<string> {
  const { db } = storage;
  const endMs = o.startMs + o.minutes * 60_000;
  const rng = createRng(o.seed);
  const event = await createEventStore(db).create(
    {
      title: `Seeded event: ${o.viewers} viewers, ${o.minutes} min`,
      scheduledStart: new Date(o.startMs).toISOString(),
      phase: 'ended',
      sora: null,
      discord: { guildId: null, channelId: null, registrationPattern: null },
    },
    o.startMs - 3_600_000,
  );
  const phase = 'live' as const;
  const seeder = createTickSeeder(event.id, phase, o.startMs, endMs, rng.fork());
  for (let first = 0; first < o.viewers; first += SESSIONS_PER_BATCH) {
    const batch = Array.from({ length: Math.min(SESSIONS_PER_BATCH, o.viewers - first) }, (_, i) =>
      seedSession(rng.fork(), first + i, event.id, phase, o.startMs, endMs),
    );
    for (const s of batch) seeder.add(s);
    await writeBatch(db, {
      sessions: batch.map((s) => s.row),
      history: batch.flatMap((s) => s.history),
      failures: batch.flatMap((s) => s.failures),
    });
    o.onProgress?.(first + batch.length);
  }
  let ticks: Tick[] = [];
  for (const tick of seeder.ticks()) {
    ticks.push(tick);
    if (ticks.length === TICKS_PER_BATCH) (await writeBatch(db, { ticks }), (ticks = []));
  }
  await writeBatch(db, { ticks });

  const at = (share: number): number => Math.round(o.startMs + share * (endMs - o.startMs));
  const markers = createMarkerStore(db);
  for (const [kind, label, share] of [
    ['start', 'Show starts', 0],
    ['demo', 'Live demo', 0.3],
    ['qa', 'Q&A', 0.75],
    ['end', 'Closing', 0.98],
  ] as const) {
    await markers.add({ eventId: event.id, phase, t: at(share), kind, label });
  }
  const alerts = createAlertStore(db);
  for (const [kind, share] of [
    ['raised', 0.42],
    ['cleared', 0.45],
  ] as const) {
    await alerts.append({
      eventId: event.id,
      phase,
      ruleId: 'poor-share',
      metric: 'poor-share',
      direction: 'above',
      kind,
      t: at(share),
      value: kind === 'raised' ? 12 : 4,
      threshold: 10,
      kbps: null,
      action: 'check-uplink',
    });
  }
  const questions = createQuestionStore(db);
  const count = Math.max(5, Math.round(o.viewers / 50));
  await questions.upsert(
    Array.from({ length: count }, (_, i) => ({
      question: {
        id: `web-seed-${i}`,
        eventId: event.id,
        source: 'web' as const,
        messageId: null,
        author: { name: `Viewer ${i + 1}`, avatarUrl: null },
        content: `Question ${i + 1} about the demo`,
        createdAt: at(0.1 + (0.85 * i) / count),
        editedAt: null,
        deleted: false,
        votes: Math.floor(rng.exponential(3)),
        answered: rng.chance(0.6),
        pinned: false,
        hidden: rng.chance(0.05),
      },
    })),
  );
  const registered = Math.round(o.viewers * 1.3);
  await questions.changeRegistrations(
    event.id,
    Array.from({ length: registered }, (_, i) => ({ key: `seed:${i}`, messageId: null })),
    [],
  );
  return event.id;
}
