/**
 * @module Loads an event's public join settings (`PUBLIC_EVENT` of shared/public-api.ts, `GET /api/public/events/:id`).
 */
import { PUBLIC_EVENT } from '../../../shared/public-api.ts';
import type { PublicEvent } from '../../../shared/sora-webhook.ts';
import { HttpError, type Fetch } from '../lib/http.ts';
import { restClient } from '../lib/rest-client.ts';

export type LoadResult = { ok: true; event: PublicEvent } | { ok: false; reason: 'not-found' | 'load-error' };

export async function fetchPublicEvent(fetcher: Fetch, server: string, eventId: string): Promise<LoadResult> {
  try {
    const call = restClient(fetcher, { server, init: { cache: 'no-store' } });
    const event = await call(PUBLIC_EVENT, { params: { id: eventId } });
    // A 200 that is not JSON (a proxy's page) parses as null.
    return event ? { ok: true, event } : { ok: false, reason: 'load-error' };
  } catch (error) {
    const missing = error instanceof HttpError && (error.status === 404 || error.status === 400);
    return { ok: false, reason: missing ? 'not-found' : 'load-error' };
  }
}
