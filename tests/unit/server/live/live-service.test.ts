import { pino } from 'pino';
import { expect, it } from 'vitest';
import type { KansokuEvent, Phase } from '../../../../shared/event.ts';
import { connectViewer, ingestSamples, recordStep } from '../../../../server/live/event-monitor.ts';
import { createLiveService, LEFT_PHASE_KEPT_MS, type MonitorLoader } from '../../../../server/live/live-service.ts';
import { collectRecord } from '../../../../server/record/record-batch.ts';
import { HISTORY_BUCKET_MS } from '../../../../shared/limits.ts';
import type { EventCatalog } from '../../../../server/events/event-catalog.ts';
import { parseUserAgent } from '../../../../shared/user-agent.ts';

const event = (id: string, phase: Phase): KansokuEvent => ({
  id,
  title: id,
  scheduledStart: null,
  phase,
  sora: null,
  discord: { guildId: null, channelId: null, registrationPattern: null },
  createdAt: '2026-11-24T00:00:00.000Z',
  updatedAt: '2026-11-24T00:00:00.000Z',
});

/** A catalog whose `setPhase` tells listeners, as the real one does. */
function fakeCatalog(events: KansokuEvent[]) {
  const byId = new Map(events.map((e) => [e.id, e]));
  const listeners: Array<(e: KansokuEvent) => void> = [];
  const catalog = {
    get: (id: string) => byId.get(id),
    list: () => [...byId.values()],
    onChange: (fn: (e: KansokuEvent) => void) => listeners.push(fn),
  } as unknown as EventCatalog;
  const setPhase = (id: string, phase: Phase) => {
    const next = { ...(byId.get(id) as KansokuEvent), phase };
    byId.set(id, next);
    for (const fn of listeners) fn(next);
  };
  return { catalog, setPhase };
}

const empty: MonitorLoader = async (eventId, phase) => ({ eventId, phase, sessions: [], failures: {}, ticks: [] });
const silent = pino({ level: 'silent' });
const ua = parseUserAgent(undefined);

it('ticks rehearsal and live events always, scheduled and ended ones only while someone is on the page', async () => {
  const { catalog } = fakeCatalog((['scheduled', 'rehearsal', 'live', 'ended'] as const).map((p) => event(p, p)));
  const live = createLiveService(catalog, { now: () => 0 }, empty, silent);
  for (const e of catalog.list()) await live.open(e.id);
  expect(live.tick(1000).map((t) => t.eventId)).toEqual(['rehearsal', 'live']);
  connectViewer(live.monitor('ended')!, 'viewer-late-01', ua, 1500);
  expect(live.tick(2000).map((t) => t.eventId)).toEqual(['rehearsal', 'live', 'ended']);
});

it('keeps each phase apart, and switching back to a phase continues its totals', async () => {
  const { catalog, setPhase } = fakeCatalog([event('ev', 'live')]);
  const now = { t: 10_000 };
  const live = createLiveService(catalog, { now: () => now.t }, empty, silent);
  const show = (await live.open('ev'))!;
  const s = connectViewer(show, 'viewer-1', ua, now.t, 'socket-a');
  recordStep(show, s, { stage: 'page', t: now.t });
  ingestSamples(show, s, [{ seq: 1, t: now.t, st: 'connected' }], now.t);
  expect(live.tick(11_000)[0]?.viewers.peak).toBe(0);
  setPhase('ev', 'ended');
  const after = (await live.open('ev'))!;
  expect(after.phase).toBe('ended');
  expect(show.viewers.get('viewer-1')?.ending?.how).toBe('phase-end');
  const [last] = live.tick(11_500); // the show's last tick comes out with the next second's ticks
  expect(last).toMatchObject({ phase: 'live', viewers: { total: 1 }, endings: { 'phase-end': 1 } });
  setPhase('ev', 'live');
  expect(await live.open('ev')).toBe(show);
  expect(live.tick(12_000)[0]).toMatchObject({ phase: 'live', funnel: { page: 1 } });
});

it('restores a phase from storage once, however many callers ask at the same time', async () => {
  const { catalog } = fakeCatalog([event('ev', 'live')]);
  let loads = 0;
  const loader: MonitorLoader = async (eventId, phase) => {
    loads += 1;
    return { eventId, phase, sessions: [], failures: { 'ice-failed': 2 }, ticks: [] };
  };
  const live = createLiveService(catalog, { now: () => 0 }, loader, silent);
  const [a, b] = await Promise.all([live.open('ev'), live.open('ev')]);
  expect(a).toBe(b);
  expect(loads).toBe(1);
  expect(a?.failures).toEqual({ 'ice-failed': 2 });
  expect(await live.open('no-such-event')).toBeUndefined();
});

it('drops a phase the event has left once storage has held all of it for a while, and reads it back when asked', async () => {
  const { catalog, setPhase } = fakeCatalog([event('ev', 'live')]);
  const now = { t: 10_000 };
  let loads = 0;
  const loader: MonitorLoader = async (eventId, phase) => ((loads += 1), empty(eventId, phase));
  const live = createLiveService(catalog, { now: () => now.t }, loader, silent);
  const show = (await live.open('ev'))!;
  const s = connectViewer(show, 'viewer-1', ua, now.t, 'socket-a');
  ingestSamples(show, s, [{ seq: 1, t: now.t, st: 'connected' }], now.t);
  live.tick(11_000);
  setPhase('ev', 'ended');
  await live.open('ev');
  const afterSwitch = 12_000;
  live.tick(afterSwitch);
  // Not yet written: kept however long it waits.
  live.tick(afterSwitch + 2 * LEFT_PHASE_KEPT_MS);
  expect(live.inMemory('ev', 'live')).toBe(show);
  // Written, with the bucket of its last sample closed: kept LEFT_PHASE_KEPT_MS more, then dropped.
  const written = afterSwitch + 2 * LEFT_PHASE_KEPT_MS + HISTORY_BUCKET_MS;
  expect(collectRecord(live.all(), written).sessions.map((r) => r.sessionId)).toEqual(['viewer-1']);
  live.tick(written);
  live.tick(written + LEFT_PHASE_KEPT_MS - 1);
  expect(live.inMemory('ev', 'live')).toBe(show);
  live.tick(written + LEFT_PHASE_KEPT_MS);
  expect(live.inMemory('ev', 'live')).toBeUndefined();
  expect(live.inMemory('ev', 'ended')).toBeDefined(); // the current phase stays
  // Back to it: restored from storage.
  setPhase('ev', 'live');
  const back = await live.open('ev');
  expect(back).not.toBe(show);
  expect(loads).toBe(3);
});

it('keeps a left phase while storage still owes rows collected before it settled (a failing database)', async () => {
  const { catalog, setPhase } = fakeCatalog([event('ev', 'live')]);
  const now = { t: 10_000 };
  const storage = { owedSince: null as number | null };
  const live = createLiveService(catalog, { now: () => now.t }, empty, silent, () => storage.owedSince);
  const show = (await live.open('ev'))!;
  const s = connectViewer(show, 'viewer-1', ua, now.t, 'socket-a');
  ingestSamples(show, s, [{ seq: 1, t: now.t, st: 'connected' }], now.t);
  live.tick(11_000);
  setPhase('ev', 'ended');
  await live.open('ev');
  live.tick(12_000);
  // Collected for the recorder, whose commit then fails: handed over, not stored.
  const collected = 12_000 + HISTORY_BUCKET_MS;
  collectRecord(live.all(), collected);
  storage.owedSince = collected;
  live.tick(collected);
  live.tick(collected + 3 * LEFT_PHASE_KEPT_MS);
  expect(live.inMemory('ev', 'live')).toBe(show);
  // Committed at last: dropped once it has been settled LEFT_PHASE_KEPT_MS (it has been, long since).
  storage.owedSince = null;
  live.tick(collected + 3 * LEFT_PHASE_KEPT_MS + 1_000);
  expect(live.inMemory('ev', 'live')).toBeUndefined();
});
