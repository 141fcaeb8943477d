/** @module The one HTTP error type; `onError` turns it (or anything else) into a `Failure` JSON body. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../logger.ts';
import { fail, type ErrorCode } from '../../shared/result.ts';
import { storageOutage } from '../db/storage-errors.ts';
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

/** A storage outage is logged on its first refusal and then once every this many, not once per request. */
const OUTAGE_LOG_EVERY = 1_000;

export function errorHandler(logger: Logger) {
  let outages = 0;
  return (error: Error, c: Context) => {
    if (error instanceof HttpError) return c.json(fail(error.code, error.message, error.field), error.status);
    const outage = storageOutage(error);
    if (outage !== undefined) {
      if (outages++ % OUTAGE_LOG_EVERY === 0) logger.error({ err: error, path: c.req.path, refused: outages }, outage);
      return c.json(fail('unavailable', outage), 503);
    }
    if (error instanceof RecordUnavailableError) {
      return c.json(
        fail('unavailable', storageOutage(error.cause) ?? 'storage is not taking writes right now; retry'),
        503,
      );
    }
    logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json(fail('internal', 'an internal error occurred'), 500);
  };
}
