/**
 * @module Sessions a dead process left open. Each process says every HOLD_EVERY_MS which open sessions it holds (a
 * Redis hash per event phase: session → process) and that it is alive (a key that expires after ALIVE_TTL_MS). The
 * leader of a ticking event looks for sessions the record still has open although nothing was stored of them for
 * ORPHAN_SILENT_MS, and ends those that no live process holds as `lost` at their last sign of life — what one
 * process does after its reconnect grace, which a dead process never reaches.
 */
import type { Kysely } from 'kysely';
import type { Phase } from '../../shared/event.ts';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import type { EventMonitor } from '../live/event-monitor.ts';
import type { Logger } from '../logger.ts';
import type { RedisLink } from './redis-link.ts';

export const HOLD_EVERY_MS = 10_000;
export const ALIVE_TTL_MS = 30_000;
/** Nothing stored of an open session for this long, and no live process holds it: it is an orphan. */
export const ORPHAN_SILENT_MS = 90_000;
/** Sessions ended per event and sweep at most. */
const SWEEP_LIMIT = 1_000;
/** A holdings hash outlives its writers by this much (the sweep of their orphans reads it). */
const HELD_KEEP_MS = 30 * 60_000;

export type Orphans = {
  /** This process's open sessions of `monitors`, and that it is alive. */
  hold(monitors: Iterable<EventMonitor>): Promise<void>;
  /** One session this process took over just now (before its next `hold`, a sweep must not end it). */
  claim(eventId: string, phase: Phase, sessionId: string): Promise<void>;
  /** Ends the orphans of an event phase this process leads; returns their session ids. */
  sweep(eventId: string, phase: Phase): Promise<string[]>;
};

export function createOrphans(deps: {
  redis: RedisLink;
  instance: string;
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
}): Orphans {
  const { redis, instance, db } = deps;
  const heldKey = (eventId: string, phase: Phase) => `${redis.prefix}held:${eventId}:${phase}`;
  const aliveKey = (who: string) => `${redis.prefix}alive:${who}`;
  return {
    async hold(monitors) {
      const batch = redis.commands.multi().set(aliveKey(instance), '1', 'PX', ALIVE_TTL_MS);
      for (const m of monitors) {
        const open = [...m.viewers.values()].filter((s) => s.ending === null);
        if (open.length === 0) continue;
        const key = heldKey(m.eventId, m.phase);
        batch.hset(key, Object.fromEntries(open.map((s) => [s.sessionId, instance]))).pexpire(key, HELD_KEEP_MS);
      }
      await batch.exec();
    },
    async claim(eventId, phase, sessionId) {
      await redis.commands.hset(heldKey(eventId, phase), sessionId, instance);
    },
    async sweep(eventId, phase) {
      const silentSince = deps.clock.now() - ORPHAN_SILENT_MS;
      const silent = await db
        .selectFrom('viewer_sessions')
        .select('session_id')
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .where('ending', 'is', null)
        .where('last_seen', '<', silentSince)
        .limit(SWEEP_LIMIT)
        .execute();
      if (silent.length === 0) return [];
      const ids = silent.map((r) => r.session_id);
      const holders = await redis.commands.hmget(heldKey(eventId, phase), ...ids);
      const named = [...new Set(holders.filter((h): h is string => h !== null))];
      const alive = new Set(
        named.length === 0
          ? []
          : (await redis.commands.mget(...named.map(aliveKey))).flatMap((v, i) => (v ? [named[i]] : [])),
      );
      const orphans = ids.filter((_, i) => !alive.has(holders[i] as string));
      if (orphans.length === 0) return [];
      await db
        .updateTable('viewer_sessions')
        .set((eb) => ({ ending: 'lost', ended_at: eb.ref('last_seen') }))
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .where('ending', 'is', null)
        .where('last_seen', '<', silentSince)
        .where('session_id', 'in', orphans)
        .execute();
      deps.logger.info({ eventId, phase, ended: orphans.length }, 'ended sessions a dead process left open');
      return orphans;
    },
  };
}
