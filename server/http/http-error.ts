/** @module The one HTTP error type; `onError` turns it (or anything else) into a `Failure` JSON body. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../logger.ts';
import { fail, type ErrorCode } from '../../shared/result.ts';

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
  ) {
    super(message ?? code);
  }
}

export function errorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof HttpError) return c.json(fail(error.code, error.message, error.field), error.status);
    logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json(fail('internal', 'an internal error occurred'), 500);
  };
}
