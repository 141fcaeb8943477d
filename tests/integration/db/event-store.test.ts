/** @module Event store on SQLite and PostgreSQL: create, get, list order, patch, JSON round trips. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEventStore, isoToMs, randomEventId, type EventStore } from '../../../server/events/event-store.ts';
import { eventInput, T0 } from './fixtures.ts';
import { DIALECTS, openTestStorage, type TestStorage } from '../../helpers/test-storage.ts';

describe('randomEventId and isoToMs', () => {
  it('makes 10 URL-safe characters', () => {
    const ids = new Set(Array.from({ length: 200 }, randomEventId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{10}$/);
  });

  it('parses the ISO forms the schema accepts', () => {
    const expected = Date.UTC(2026, 4, 1, 1, 0, 0);
    for (const iso of [
      '2026-05-01T10:00:00+09:00',
      '2026-05-01 10:00:00+0900',
      '2026-05-01T10:00:00 +09',
      '2026-05-01T01:00:00Z',
    ]) {
      expect(isoToMs(iso), iso).toBe(expected);
    }
    expect(isoToMs(null)).toBeNull();
  });
});

describe.each(DIALECTS)('event store on %s', (dialect) => {
  let t: TestStorage;
  let store: EventStore;
  beforeAll(async () => {
    t = await openTestStorage(dialect);
  });
  beforeEach(async () => {
    await t.storage.db.deleteFrom('events').execute();
    store = createEventStore(t.storage.db);
  });
  afterAll(() => t.close());

  it('creates and reads an event with its settings intact', async () => {
    const created = await store.create(eventInput(), T0);
    expect(created).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{10}$/),
      ...eventInput(),
      createdAt: '2026-05-01T10:00:00.000Z',
      updatedAt: '2026-05-01T10:00:00.000Z',
    });
    expect(await store.get(created.id)).toEqual(created);
    expect(await store.get('missing')).toBeNull();
  });

  it('keeps null Sora settings and an unscheduled start', async () => {
    const created = await store.create(eventInput({ sora: null, scheduledStart: null }), T0);
    expect(await store.get(created.id)).toMatchObject({ sora: null, scheduledStart: null });
  });

  it('lists the latest scheduled start first, whatever the offset, and unscheduled last', async () => {
    const ids = ['a', 'b', 'c', 'd'];
    const ordered = createEventStore(t.storage.db, () => ids.shift() ?? 'x');
    await ordered.create(eventInput({ title: 'early', scheduledStart: '2026-05-01T09:00:00Z' }), T0);
    await ordered.create(eventInput({ title: 'unscheduled', scheduledStart: null }), T0 + 5);
    // 10:30 UTC, although it sorts first as text.
    await ordered.create(eventInput({ title: 'late', scheduledStart: '2026-05-01T19:30:00+09:00' }), T0 + 1);
    await ordered.create(eventInput({ title: 'middle', scheduledStart: '2026-05-01T10:00:00Z' }), T0 + 2);
    expect((await ordered.list()).map((e) => e.title)).toEqual(['late', 'middle', 'early', 'unscheduled']);
  });

  it('patches only the given fields and bumps updatedAt', async () => {
    const created = await store.create(eventInput(), T0);
    const discord = { guildId: null, channelId: '789', registrationPattern: null };
    const updated = await store.update(created.id, { phase: 'rehearsal', sora: null, discord }, T0 + 60_000);
    expect(updated).toEqual({
      ...created,
      phase: 'rehearsal',
      sora: null,
      discord,
      updatedAt: '2026-05-01T10:01:00.000Z',
    });
    expect(await store.get(created.id)).toEqual(updated);
    const retitled = await store.update(created.id, { title: 'Renamed', scheduledStart: null }, T0 + 120_000);
    expect(retitled).toMatchObject({ title: 'Renamed', scheduledStart: null, phase: 'rehearsal', discord });
  });

  it('returns null when patching an unknown event', async () => {
    expect(await store.update('missing', { title: 'x' }, T0)).toBeNull();
  });
});
