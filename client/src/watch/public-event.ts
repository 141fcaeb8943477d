/** @module Loads an event's public join settings (`GET /api/public/events/:id`). */
import type { PublicEvent } from '../../../shared/sora-webhook.ts';

export type LoadResult = { ok: true; event: PublicEvent } | { ok: false; reason: 'not-found' | 'load-error' };

export async function fetchPublicEvent(fetcher: typeof fetch, server: string, eventId: string): Promise<LoadResult> {
  try {
    const response = await fetcher(`${server}/api/public/events/${encodeURIComponent(eventId)}`, { cache: 'no-store' });
    if (response.status === 404 || response.status === 400) return { ok: false, reason: 'not-found' };
    if (!response.ok) return { ok: false, reason: 'load-error' };
    return { ok: true, event: (await response.json()) as PublicEvent };
  } catch {
    return { ok: false, reason: 'load-error' };
  }
}
