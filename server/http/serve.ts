/**
 * @module Registers a feature's handler for an endpoint of the REST contract (shared/host-api.ts,
 * shared/public-api.ts): the method and path come from the contract, `body()` parses the body with the contract's
 * schema (400 naming the field at fault; called when the handler's own checks have passed), and the handler can only
 * answer the contract's type.
 */
import type { Context, Hono } from 'hono';
import type { AnswerOf, BodyOut, Endpoint, ParamsOf } from '../../shared/rest.ts';
import { parseJsonBody } from './validate.ts';

declare const ANSWER: unique symbol;
declare const JSON_OF: unique symbol;

/** A response whose JSON is a `T`: made only by `reply`, so a handler cannot send another shape. */
export type Answer<T> = Response & { readonly [ANSWER]: T };
/** JSON text of a `T` already serialised (a cached report). */
export type JsonText<T> = string & { readonly [JSON_OF]: T };
export const jsonText = <T>(value: T): JsonText<T> => JSON.stringify(value) as JsonText<T>;

export type Reply<T> = {
  (data: T, status?: 200 | 201): Answer<T>;
  /** Sends serialised JSON as it is. */
  text(json: JsonText<T>): Answer<T>;
  /** A file (an endpoint whose answer is a `Blob`): any response the handler built. */
  file: T extends Blob ? (response: Response) => Answer<T> : never;
  /** `204 No Content` (an endpoint that answers nothing). */
  empty: T extends null ? () => Answer<T> : never;
};

export type Served<E extends Endpoint> = {
  /** The path parameters as sent (unchecked: validate them before use). */
  params: { readonly [K in keyof ParamsOf<E>]: string };
  body(): Promise<BodyOut<E>>;
  reply: Reply<AnswerOf<E>>;
};

export type Handler<E extends Endpoint> = (
  c: Context,
  req: Served<E>,
) => Answer<AnswerOf<E>> | Promise<Answer<AnswerOf<E>>>;

function replier<T>(c: Context): Reply<T> {
  const reply = (data: T, status: 200 | 201 = 200) => c.json(data as never, status) as unknown as Answer<T>;
  reply.text = (json: JsonText<T>) =>
    c.body(json, 200, { 'content-type': 'application/json; charset=utf-8' }) as unknown as Answer<T>;
  reply.file = ((response: Response) => response) as Reply<T>['file'];
  reply.empty = (() => c.body(null, 204)) as unknown as Reply<T>['empty'];
  return reply;
}

/** `base` is where `app` is mounted (`ctx.http.route(base, app)`); the endpoint's path must start with it. */
export function serve<E extends Endpoint>(app: Hono, base: string, endpoint: E, handler: Handler<E>): void {
  if (!endpoint.path.startsWith(base)) throw new Error(`${endpoint.path} is not under ${base}`);
  const path = endpoint.path.slice(base.length) || '/';
  const schema = endpoint.body;
  app.on(endpoint.method, path, async (c) => {
    const body = async () => (schema ? await parseJsonBody(c, schema) : undefined) as BodyOut<E>;
    const params = c.req.param() as Served<E>['params'];
    return handler(c, { params, body, reply: replier<AnswerOf<E>>(c) });
  });
}
