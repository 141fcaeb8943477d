/** @module The demo's broadcast event, created through the real REST API with the host token. */
import type * as v from 'valibot';
import type { EventCreateSchema, KansokuEvent } from '../../shared/event.ts';

/** A live event whose Sora settings point at a placeholder (the simulated viewers never contact Sora). */
export function demoEvent(now: Date): v.InferInput<typeof EventCreateSchema> {
  return {
    title: 'Kansoku demo — 開発者チャット配信',
    scheduledStart: now.toISOString(),
    phase: 'live',
    sora: { signalingUrls: ['wss://sora.example.com/signaling'], channelId: 'kansoku-demo', videoCodecType: 'AV1' },
  };
}

/** `POST /api/events` with the host token (also used by the benchmark). */
export async function postEvent(
  serverUrl: string,
  hostToken: string,
  event: v.InferInput<typeof EventCreateSchema>,
): Promise<KansokuEvent> {
  const response = await fetch(`${serverUrl}/api/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hostToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  if (!response.ok)
    throw new Error(`creating event "${event.title}" failed: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as KansokuEvent;
}

/** The host dashboard opened on one event (client/src/host/Dashboard.svelte reads `?event=`). */
export const dashboardPath = (eventId: string): string => `/?event=${encodeURIComponent(eventId)}`;
