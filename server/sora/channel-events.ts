/** @module Which Kansoku events a Sora channel belongs to (the event's `sora.channelId`). */
import type { KansokuEvent } from '../../shared/event.ts';

/**
 * Events that use `channelId` and have not ended. A channel reused for a later event therefore counts towards
 * that event only once the earlier one is marked ended; while both are open, both receive the counts.
 */
export function eventsForChannel(events: readonly KansokuEvent[], channelId: string | undefined): KansokuEvent[] {
  if (channelId === undefined) return [];
  return events.filter((event) => event.sora?.channelId === channelId && event.phase !== 'ended');
}
