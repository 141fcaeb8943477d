/**
 * @module Partial ticks kept in Redis: one hash per event, phase and second, one field per process, kept for
 * KEEP_SECONDS so an aggregator taking over can fill the seconds it missed. A field that is not a partial is
 * logged and skipped (./partial-schema.ts), never merged.
 */
import type { Redis } from 'ioredis';
import type { Phase } from '../../shared/event.ts';
import type { Logger } from '../logger.ts';
import { parsePartial } from './partial-schema.ts';
import type { PartialTick } from './partial-tick.ts';

/** How long a second's partials stay readable. */
export const KEEP_SECONDS = 120;

export type PartialStore = {
  write(partials: readonly PartialTick[]): Promise<void>;
  read(eventId: string, phase: Phase, t: number): Promise<PartialTick[]>;
};

export function createPartialStore(redis: Redis, prefix: string, logger: Logger): PartialStore {
  const key = (eventId: string, phase: Phase, t: number) => `${prefix}partial:${eventId}:${phase}:${t}`;
  return {
    async write(partials) {
      if (partials.length === 0) return;
      const batch = redis.multi();
      for (const p of partials) {
        const k = key(p.eventId, p.phase, p.t);
        batch.hset(k, p.instance, JSON.stringify(p)).expire(k, KEEP_SECONDS);
      }
      await batch.exec();
    },
    async read(eventId, phase, t) {
      const fields = await redis.hgetall(key(eventId, phase, t));
      const out: PartialTick[] = [];
      for (const [instance, text] of Object.entries(fields)) {
        const parsed = parsePartial(text);
        if (parsed.ok && parsed.partial.eventId === eventId && parsed.partial.t === t) out.push(parsed.partial);
        else logger.warn({ instance, reason: parsed.ok ? 'wrong key' : parsed.reason }, 'skipping a bad partial tick');
      }
      return out;
    },
  };
}
