/**
 * @module Events for tests: a complete KansokuEvent (live, no Sora, no Discord) that a test overrides where it cares,
 * so a field added to shared/event.ts is added here once.
 */
import type { KansokuEvent } from '../../shared/event.ts';

export function makeEvent(patch: Partial<KansokuEvent> = {}): KansokuEvent {
  return {
    id: 'ev-1',
    title: 'Launch',
    scheduledStart: null,
    phase: 'live',
    sora: null,
    discord: { guildId: null, channelId: null, registrationPattern: null },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}
