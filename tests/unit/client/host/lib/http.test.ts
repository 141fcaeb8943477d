/** JSON requests: cookies sent, bodies encoded, server failures kept with status, code and field. */
import { describe, expect, it } from 'vitest';
import { HttpError, requestJson } from '../../../../../client/src/lib/http.ts';

describe('requestJson', () => {
  it('sends JSON with the session cookie and returns the body', async () => {
    let seen: RequestInit | undefined;
    const data = await requestJson<{ a: number }>(
      async (_url, init) => ((seen = init), new Response('{"a":1}', { status: 200 })),
      '/x',
      { method: 'POST', body: { b: 2 } },
    );
    expect(data).toEqual({ a: 1 });
    expect(seen?.credentials).toBe('same-origin');
    expect(seen?.body).toBe('{"b":2}');
  });

  it('turns a Failure body into an HttpError', async () => {
    const failing = async () =>
      new Response('{"ok":false,"error":"invalid-payload","message":"too long","field":"label"}', { status: 400 });
    const error = await requestJson(failing, '/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, code: 'invalid-payload', message: 'too long', field: 'label' });
  });

  it('reports network failures with status 0', async () => {
    const error = await requestJson(async () => {
      throw new TypeError('fetch failed');
    }, '/x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'network' });
  });
});
