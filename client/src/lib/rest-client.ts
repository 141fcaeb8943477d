/**
 * @module Calls an endpoint of the REST contract (shared/host-api.ts, shared/public-api.ts): the path, its parameters,
 * the query and the body are checked against the endpoint's types, and the answer has the endpoint's answer type.
 */
import type * as v from 'valibot';
import { urlOf, type AnswerOf, type BodyIn, type Endpoint, type ParamsOf, type QueryOf } from '../../../shared/rest.ts';
import { requestJson, type Fetch } from './http.ts';

type ParamsArg<E extends Endpoint> = keyof ParamsOf<E> extends never ? { params?: never } : { params: ParamsOf<E> };
type BodyArg<E extends Endpoint> = E['body'] extends v.GenericSchema ? { body: BodyIn<E> } : { body?: never };

/** What a call names besides the endpoint: path parameters and body when it has them, a query when it reads one. */
export type CallArgs<E extends Endpoint> = ParamsArg<E> & BodyArg<E> & { query?: QueryOf<E> };

export type RestCall = <E extends Endpoint>(
  endpoint: E,
  ...args: Record<never, never> extends CallArgs<E> ? [args?: CallArgs<E>] : [args: CallArgs<E>]
) => Promise<AnswerOf<E>>;

export type RestClientOptions = {
  /** Origin of the server when it is not the page's (an embedded watch page); empty = same origin. */
  server?: string;
  /** Passed to every request, e.g. `{ cache: 'no-store' }`. */
  init?: Pick<RequestInit, 'cache'>;
};

/** Throws `HttpError` (lib/http.ts) for a failed request, with the server's status, code and message. */
export function restClient(fetcher: Fetch, options: RestClientOptions = {}): RestCall {
  const base = options.server ?? '';
  return (endpoint, ...[args]) => {
    const call = (args ?? {}) as { params?: Record<string, string>; query?: object; body?: unknown };
    const url = base + urlOf(endpoint.path, call.params ?? {}, call.query);
    return requestJson(fetcher, url, { method: endpoint.method, body: call.body, init: options.init });
  };
}

/** The URL of a GET endpoint, for a link (`<a href download>`) rather than a fetch. */
export function hrefOf<E extends Endpoint & { method: 'GET' }>(
  endpoint: E,
  params: ParamsOf<E>,
  query?: QueryOf<E>,
): string {
  return urlOf(endpoint.path, params, query);
}
