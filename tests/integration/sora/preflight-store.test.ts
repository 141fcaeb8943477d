/** Pre-flight rows on both engines: one row per session (the latest wins), summarised per check. */
import { describe, expect, it } from 'vitest';
import { createPreflightStore } from '../../../server/beacon/preflight-store.ts';
import { createEventStore } from '../../../server/events/event-store.ts';
import { DIALECTS, openTestStorage } from '../../helpers/test-storage.ts';

describe.each(DIALECTS)('preflight store on %s', (dialect) => {
  it('upserts per session and counts pass / warn / fail per check', async () => {
    const { storage, close } = await openTestStorage(dialect);
    try {
      const event = await createEventStore(storage.db).create(
        {
          title: 'E',
          scheduledStart: null,
          phase: 'live',
          sora: null,
          discord: { guildId: null, channelId: null, registrationPattern: null },
        },
        1_000,
      );
      const store = createPreflightStore(storage.db);
      const row = (sessionId: string, t: number, av1: 'pass' | 'fail') => ({
        eventId: event.id,
        sessionId,
        phase: 'live' as const,
        t,
        browser: 'Chrome',
        os: 'Windows',
        items: [
          { id: 'browser' as const, status: 'pass' as const },
          { id: 'av1' as const, status: av1, detail: 'x' },
        ],
      });
      await store.write([row('s1', 1_000, 'fail'), row('s2', 2_000, 'pass')]);
      await store.write([row('s2', 3_000, 'fail')]);
      const summary = await store.summary(event.id, 'live', 10);
      expect(summary.sessions).toBe(2);
      expect(summary.items).toEqual({ browser: { pass: 2, warn: 0, fail: 0 }, av1: { pass: 0, warn: 0, fail: 2 } });
      expect(summary.failing.map((f) => [f.sessionId, f.t])).toEqual([
        ['s2', 3_000],
        ['s1', 1_000],
      ]);
      expect((await store.summary(event.id, 'rehearsal', 10)).sessions).toBe(0);
    } finally {
      await close();
    }
  });
});
