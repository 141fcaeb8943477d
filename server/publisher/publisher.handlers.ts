/**
 * @module Socket handler of the broadcaster's upload on the host namespace: `publisher:sample` is parsed (schema and
 * plausibility), rate-limited per connection, stored and applied, then acked with the status the dashboards see (and
 * handed to `stored`, which pushes it at once; the one-second loop keeps it fresh afterwards).
 */
import type { Socket } from 'socket.io';
import type { HostClientEvents, HostServerEvents } from '../../shared/events.ts';
import { PUBLISHER_RATE_BURST, PUBLISHER_RATE_PER_SECOND } from '../../shared/limits.ts';
import { plausiblePublisherBatch } from '../../shared/publisher-sample.ts';
import type { PublisherAck, PublisherStatus } from '../../shared/publisher-status.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import type { Clock } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import type { Logger } from '../logger.ts';
import { createConnectionGuard } from '../socket/connection-guard.ts';
import { withAck } from '../socket/with-ack.ts';
import { storageOutage } from '../db/storage-errors.ts';
import type { Accepted, PublisherService } from './publisher-service.ts';

export type PublisherHandlerDeps = {
  catalog: EventCatalog;
  service: PublisherService;
  clock: Clock;
  logger: Logger;
  /** A batch was stored and applied: the status it made. */
  stored(status: PublisherStatus): void;
};

type HostSocket = Socket<HostClientEvents, HostServerEvents>;

export function registerPublisherHandlers(socket: HostSocket, deps: PublisherHandlerDeps): void {
  const now = () => deps.clock.now();
  const ctx = {
    logger: deps.logger,
    guard: createConnectionGuard(PUBLISHER_RATE_PER_SECOND, PUBLISHER_RATE_BURST),
    now,
    drop: () => void socket.disconnect(true),
  };
  socket.on(
    'publisher:sample',
    withAck(ctx, 'publisher:sample', plausiblePublisherBatch(now), async (batch): Promise<Result<PublisherAck>> => {
      const event = deps.catalog.get(batch.eventId);
      if (!event) return fail('not-found', `no event with id "${batch.eventId}"`);
      let result: Accepted;
      try {
        result = await deps.service.accept(batch, event.phase, now());
      } catch (error) {
        // A full disk or a database going away: nothing was acked, the page keeps the samples and resends.
        const outage = storageOutage(error);
        if (outage === undefined) throw error;
        return fail('unavailable', outage);
      }
      if (!result.ok)
        return fail('rate-limited', 'this event already has as many publishers reporting as it allows; stop one first');
      deps.stored(result.status);
      return ok({ ackSeq: result.ackSeq, status: result.status });
    }),
  );
}
