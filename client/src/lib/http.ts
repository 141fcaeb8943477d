/**
 * @module JSON over fetch for pages of this origin: sends the session cookie, parses the body, and turns the server's
 * `Failure` JSON (shared/result.ts) into an `HttpError` that keeps the status, code and message.
 */
import type { ErrorCode, Failure } from '../../../shared/result.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

const isFailure = (x: unknown): x is Failure => typeof x === 'object' && x !== null && (x as Failure).ok === false;

export async function requestJson<T>(
  fetcher: Fetch,
  path: string,
  init: { method?: string; body?: unknown; init?: Pick<RequestInit, 'cache'> } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetcher(path, {
      ...init.init,
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers:
        init.body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new HttpError(0, 'network', 'the server cannot be reached');
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return body as T;
  if (isFailure(body)) throw new HttpError(res.status, body.error, body.message ?? body.error, body.field);
  throw new HttpError(res.status, 'internal', `HTTP ${res.status}`);
}
