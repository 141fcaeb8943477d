/** @module The one HTTP error type; `onError` turns it (or anything else) into a `Failure` JSON body. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../logger.ts';
import { fail, type ErrorCode } from '../../shared/result.ts';
import { RecordUnavailableError } from '../record/recorder.ts';

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
    if (error instanceof RecordUnavailableError) return c.json(fail('unavailable', 'storage is not taking writes right now; retry'), 503);
    logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json(fail('internal', 'an internal error occurred'), 500);
  };
}
