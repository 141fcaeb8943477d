/** @module Result<T>: the shape of every ack and REST error body. */

export const ERROR_CODES = [
  'invalid-payload',
  'unknown-event',
  'unauthorized',
  'rate-limited',
  'not-found',
  'conflict',
  'payload-too-large',
  /** Storage cannot take writes right now: nothing was lost on the server's side; keep the data and retry. */
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type Failure = { ok: false; error: ErrorCode; message?: string; field?: string };
export type Result<T> = { ok: true; data: T } | Failure;

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (error: ErrorCode, message?: string, field?: string): Failure =>
  field === undefined ? { ok: false, error, ...(message ? { message } : {}) } : { ok: false, error, message, field };
