/** @module Events for the Sora feature's unit tests. */
import type { KansokuEvent, Phase } from '../../../../shared/event.ts';

export function soraEvent(id: string, channelId: string, phase: Phase = 'live'): KansokuEvent {
  return {
    id,
    title: `Event ${id}`,
    scheduledStart: null,
    phase,
    sora: {
      signalingUrls: ['wss://sora.example/signaling'],
      channelId,
      videoCodecType: 'AV1',
      metadata: null,
      minChromeVersion: 90,
    },
    discord: { guildId: null, channelId: null, registrationPattern: null },
    createdAt: '2026-07-01T10:00:00.000Z',
    updatedAt: '2026-07-01T10:00:00.000Z',
  };
}
