/**
 * @module The shape of a REST endpoint in the wire contract (shared/host-api.ts, shared/public-api.ts): method, path
 * with `:params`, the query it reads, the body schema it parses and the JSON it answers. The server registers its
 * handlers from these (server/http/serve.ts) and the pages call them (client/src/lib/rest-client.ts), so a path, a
 * body or an answer is written once, as the socket events are in shared/events.ts.
 */
import type * as v from 'valibot';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Query values the client sends; `undefined` leaves the parameter out. */
export type QueryValue = string | number | undefined;

export type Endpoint = {
  readonly method: Method;
  /** From the origin, with `:name` for each path parameter. */
  readonly path: string;
  /** The JSON body's schema (parsed by the server before its handler runs); absent for a request without one. */
  readonly body?: v.GenericSchema;
  /** Type only (`typed<…>()`): the query parameters it reads. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Type only (`typed<…>()`): the JSON of a 2xx answer. */
  readonly answer: unknown;
  /** Type only: narrower types of some path parameters than `string` (`typed<{ file: ExportFile }>()`). */
  readonly params?: Readonly<Record<string, string>>;
};

/** A type the contract carries without a value: `answer: typed<Tick[]>()`. */
export const typed = <T>(): T => undefined as T;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** `{ id: string; sessionId: string }` for `/api/events/:id/viewers/:sessionId/history`. */
export type ParamsOf<E extends Endpoint> = {
  readonly [K in ParamNames<E['path']>]: E['params'] extends Readonly<Record<K, infer T extends string>> ? T : string;
};
export type QueryOf<E extends Endpoint> = E['query'] extends object ? E['query'] : Record<never, never>;
/** What the client sends (the schema's input) and what the handler gets (its output). */
export type BodyIn<E extends Endpoint> = E['body'] extends v.GenericSchema ? v.InferInput<E['body']> : undefined;
export type BodyOut<E extends Endpoint> = E['body'] extends v.GenericSchema ? v.InferOutput<E['body']> : undefined;
export type AnswerOf<E extends Endpoint> = E['answer'];

/** The URL of `path` with its parameters filled in (escaped) and the defined query values appended in order. */
export function urlOf(path: string, params: Readonly<Record<string, string>>, query: object = {}): string {
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === '' ? filled : `${filled}?${text}`;
}
