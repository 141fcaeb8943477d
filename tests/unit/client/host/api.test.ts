/**
 * The host REST client: every read of recorded data names its phase the same way; writes and per-event settings do not.
 */
import { describe, expect, it } from 'vitest';
import { createHostApi } from '../../../../client/src/host/api.ts';
import { hrefOf } from '../../../../client/src/lib/rest-client.ts';
import { HOST_API } from '../../../../shared/host-api.ts';

function recording() {
  const urls: string[] = [];
  const api = createHostApi(async (url) => (urls.push(url), new Response('null', { status: 200 })));
  return { api, urls };
}

describe('host api', () => {
  it('builds phased paths with the query first and the phase last, escaping ids', async () => {
    const { api, urls } = recording();
    await api.ticks({ eventId: 'a b', phase: 'rehearsal' }, 5, 10);
    expect(urls).toEqual(['/api/events/a%20b/ticks?since=5&limit=10&phase=rehearsal']);
    expect(hrefOf(HOST_API.exportFile, { id: 'ev-1', file: 'ticks.parquet' }, { phase: 'live' })).toBe(
      '/api/events/ev-1/export/ticks.parquet?phase=live',
    );
  });

  it('sends ?phase= on every read of an event phase', async () => {
    const { api, urls } = recording();
    const ref = { eventId: 'ev-1', phase: 'ended' } as const;
    await api.ticks(ref, 1_000.7, 3_600);
    await api.live(ref);
    await api.failures(ref, 50);
    await api.viewers(ref);
    await api.viewerHistory(ref, 'sess/1');
    await api.markers(ref);
    await api.alerts(ref);
    expect(urls).toEqual([
      '/api/events/ev-1/ticks?since=1000&limit=3600&phase=ended',
      '/api/events/ev-1/live?phase=ended',
      '/api/events/ev-1/failures?limit=50&phase=ended',
      '/api/events/ev-1/viewers?phase=ended',
      '/api/events/ev-1/viewers/sess%2F1/history?phase=ended',
      '/api/events/ev-1/markers?phase=ended',
      '/api/events/ev-1/alerts?phase=ended',
    ]);
  });

  it('leaves event-wide calls without a phase', async () => {
    const { api, urls } = recording();
    await api.addMarker('ev-1', { kind: 'qa' });
    await api.alertRules('ev-1');
    await api.viewerToken('ev-1');
    expect(urls).toEqual(['/api/events/ev-1/markers', '/api/events/ev-1/alert-rules', '/api/events/ev-1/viewer-token']);
  });
});
