import { expect, it } from 'vitest';
import type { KansokuEvent, Phase } from '../../../../shared/event.ts';
import { connectViewer } from '../../../../server/live/event-monitor.ts';
import { createLiveService } from '../../../../server/live/live-service.ts';
import type { EventCatalog } from '../../../../server/events/event-catalog.ts';
import { parseUserAgent } from '../../../../shared/user-agent.ts';

const event = (id: string, phase: Phase): KansokuEvent => ({
  id, title: id, scheduledStart: null, phase, sora: null, discord: { guildId: null, channelId: null, registrationPattern: null },
  createdAt: '2026-11-24T00:00:00.000Z', updatedAt: '2026-11-24T00:00:00.000Z',
});

it('ticks rehearsal and live events always, scheduled and ended ones only while someone is on the page', () => {
  const events = new Map(['scheduled', 'rehearsal', 'live', 'ended'].map((p) => [p, event(p, p as Phase)]));
  const catalog = { get: (id: string) => events.get(id), onChange: () => undefined } as unknown as EventCatalog;
  const live = createLiveService(catalog, { now: () => 0 });
  for (const id of events.keys()) live.monitor(id, 0);
  expect(live.tick(1000).map((t) => t.eventId)).toEqual(['rehearsal', 'live']);
  connectViewer(live.peek('ended')!, 'viewer-late-01', parseUserAgent(undefined), 1500);
  expect(live.tick(2000).map((t) => t.eventId)).toEqual(['rehearsal', 'live', 'ended']);
});
