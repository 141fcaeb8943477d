/**
 * @module The one place socket handlers catch errors: validates the payload with its schema, enforces the
 * connection's limits, and always answers the ack with a `Result` (raw error text never reaches a client).
 */
import * as v from 'valibot';
import type { Logger } from '../logger.ts';
import { describeIssues } from '../http/validate.ts';
import { fail, type Result } from '../../shared/result.ts';
import { RecordUnavailableError } from '../record/recorder.ts';
import type { ConnectionGuard } from './connection-guard.ts';

export type HandlerContext = {
  logger: Logger;
  guard: ConnectionGuard;
  now: () => number;
  /** Called when the connection must be dropped for sending garbage. */
  drop: () => void;
  /** Called for each invalid payload (counted in the tick). */
  onInvalid?: () => void;
};

export function withAck<S extends v.GenericSchema, T>(
  ctx: HandlerContext,
  event: string,
  schema: S,
  handler: (payload: v.InferOutput<S>) => Result<T> | Promise<Result<T>>,
) {
  return async (payload: unknown, ack: unknown): Promise<void> => {
    const reply = typeof ack === 'function' ? (ack as (r: Result<T>) => void) : () => undefined;
    const now = ctx.now();
    if (!ctx.guard.allow(now)) return reply(fail('rate-limited', 'too many messages; slow down'));
    const parsed = v.safeParse(schema, payload);
    if (!parsed.success) {
      const issue = describeIssues(parsed.issues);
      ctx.onInvalid?.();
      const total = ctx.guard.invalidTotal + 1;
      // Logged at 1, 2, 4, 8 … invalid payloads per connection, so a bad client cannot flood the log.
      if ((total & (total - 1)) === 0)
        ctx.logger.debug({ event, field: issue.field, invalidTotal: total }, 'invalid payload');
      reply(fail('invalid-payload', issue.message, issue.field));
      if (ctx.guard.invalid(now)) ctx.drop();
      return;
    }
    try {
      reply(await handler(parsed.output));
    } catch (error) {
      // The recorder logs a failing database once; each waiting viewer just hears that it should retry.
      if (error instanceof RecordUnavailableError) return reply(fail('unavailable', 'storage is busy; retry'));
      ctx.logger.error({ err: error, event }, 'handler failed');
      reply(fail('internal'));
    }
  };
}
