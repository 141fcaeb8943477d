/**
 * The REST contract end to end: a handler registered with `serve` and the client's `restClient` meet at the
 * contract's path with its body and answer; the `@ts-expect-error` lines are checked by `npm run typecheck` (a wrong
 * path parameter, query, body or answer does not compile, on either side).
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../client/src/lib/http.ts';
import { hrefOf, restClient } from '../../../client/src/lib/rest-client.ts';
import { HOST_API } from '../../../shared/host-api.ts';
import type { Marker } from '../../../shared/marker.ts';
import { urlOf } from '../../../shared/rest.ts';
import { errorHandler } from '../../../server/http/http-error.ts';
import { serve } from '../../../server/http/serve.ts';
import { pino } from 'pino';

const marker = (id: number, label: string): Marker => ({ id, eventId: 'ev', phase: 'live', t: 5, kind: 'note', label });

function markerServer() {
  const routes = new Hono();
  serve(routes, '/api/events', HOST_API.markers, (_c, { params, reply }) => reply([marker(1, params.id)]));
  serve(routes, '/api/events', HOST_API.addMarker, async (_c, { body, reply }) => {
    const input = await body();
    return reply(marker(2, `${input.kind}:${input.label}`), 201);
  });
  const app = new Hono();
  app.onError(errorHandler(pino({ level: 'silent' })));
  app.route('/api/events', routes);
  return restClient(async (input, init) => app.request(input, init));
}

describe('REST contract', () => {
  it('fills path parameters (escaped) and appends the defined query values in order', () => {
    expect(
      urlOf('/api/events/:id/viewers/:sessionId/history', { id: 'a b', sessionId: 's/1' }, { phase: 'live' }),
    ).toBe('/api/events/a%20b/viewers/s%2F1/history?phase=live');
    expect(urlOf('/api/events/:id/failures', { id: 'e' }, { limit: 5, session: undefined })).toBe(
      '/api/events/e/failures?limit=5',
    );
    expect(() => urlOf('/api/events/:id', {})).toThrow(/:id/);
  });

  it('meets a served handler at the contract path, with its parsed body and its answer', async () => {
    const call = markerServer();
    const list = await call(HOST_API.markers, { params: { id: 'ev 1' }, query: { phase: 'live' } });
    expect(list.map((m) => m.label)).toEqual(['ev 1']);
    const added = await call(HOST_API.addMarker, { params: { id: 'ev' }, body: { kind: 'qa', label: ' Q&A ' } });
    expect(added.label).toBe('qa:Q&A'); // trimmed by the contract's schema on the server
  });

  it('turns a body the schema refuses into a 400 naming the field, and an endpoint nobody serves into a 404', async () => {
    const call = markerServer();
    const refused = call(HOST_API.addMarker, { params: { id: 'ev' }, body: { label: 'x'.repeat(500) } });
    await expect(refused).rejects.toMatchObject({ status: 400, code: 'invalid-payload', field: 'label' });
    const missing = await call(HOST_API.alerts, { params: { id: 'ev' } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HttpError);
    expect((missing as HttpError).status).toBe(404);
  });

  it('refuses to mount an endpoint outside the routes it is given', () => {
    expect(() => serve(new Hono(), '/api/reports', HOST_API.markers, (_c, { reply }) => reply([]))).toThrow(
      /not under/,
    );
  });
});

/** Never called: compiled by the typecheck only. */
export function typeChecks(app: Hono) {
  const call = restClient(fetch);
  // @ts-expect-error the event's id is required
  void call(HOST_API.ticks, { query: { limit: 5 } });
  // @ts-expect-error `since` is a number
  void call(HOST_API.ticks, { params: { id: 'e' }, query: { since: 'yesterday' } });
  // @ts-expect-error not a marker kind
  void call(HOST_API.addMarker, { params: { id: 'e' }, body: { kind: 'party' } });
  // @ts-expect-error the event list takes no parameters
  void call(HOST_API.events, { params: { id: 'e' } });
  // @ts-expect-error not an export
  hrefOf(HOST_API.exportFile, { id: 'e', file: 'secrets.csv' });
  void call(HOST_API.live, { params: { id: 'e' } }).then((tick) => {
    // @ts-expect-error the answer is `Tick | null`
    void tick.viewers;
    // @ts-expect-error a tick has no such field
    void tick?.viewerCount;
  });
  // @ts-expect-error a handler answers the endpoint's type (markers), not another
  serve(app, '/api/events', HOST_API.markers, (_c, { reply }) => reply([{ id: 1, text: 'x' }]));
  // @ts-expect-error nor a response built around `reply`
  serve(app, '/api/events', HOST_API.markers, (c) => c.json([{ id: 1, text: 'x' }]));
}
