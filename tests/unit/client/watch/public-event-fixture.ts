/** @module A public event for the watch page's tests: live, AV1 on one Sora channel, the default timeouts. */
import type { PublicEvent } from '../../../../shared/sora-webhook.ts';

export type JoinableEvent = PublicEvent & { sora: NonNullable<PublicEvent['sora']> };

export const publicEvent = (patch: Partial<JoinableEvent> = {}): JoinableEvent => ({
  id: 'ev',
  title: 'Event',
  phase: 'live',
  minChromeVersion: 90,
  joinTimeoutMs: 20_000,
  noMediaTimeoutMs: 10_000,
  viewer: null,
  sora: { signalingUrls: ['wss://sora.example/signaling'], channelId: 'ch', videoCodecType: 'AV1', metadata: null },
  ...patch,
});
