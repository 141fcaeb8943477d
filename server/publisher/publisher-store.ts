/**
 * @module Stores the broadcaster's acknowledged samples (table `publisher_samples`, migration 008) and reads a phase's
 * newest ones back, in arrival order, for a restarted server to replay (and those since a time, for the other
 * processes of a cluster to catch up).
 */
import type { Kysely } from 'kysely';
import type { Phase } from '../../shared/event.ts';
import type { PublisherSample } from '../../shared/publisher-sample.ts';
import type { DB } from '../db/schema.ts';

export interface PublisherSamplesTable {
  event_id: string;
  phase: Phase;
  publisher_id: string;
  seq: number;
  /** Server clock when its batch arrived, ms since epoch. */
  received_at: number;
  /** JSON text of the `PublisherSample`. */
  body: string;
  /** 1 when the page stopped publishing after this sample. */
  ended: number;
}

/** A stored batch, as it is replayed. */
export type StoredBatch = { pid: string; receivedAt: number; samples: PublisherSample[]; ended: boolean };

export type PublisherStore = {
  /** Inserts the samples (a resent seq is kept once); marks the publisher's newest stored sample ended when `ended`. */
  add(eventId: string, phase: Phase, batch: StoredBatch): Promise<void>;
  /** The newest `limit` samples of a phase, regrouped by publisher and arrival, oldest first. */
  recent(eventId: string, phase: Phase, limit: number): Promise<StoredBatch[]>;
  /** The samples of a phase that arrived at or after `from` (at most `limit`, the oldest), regrouped, oldest first. */
  since(eventId: string, phase: Phase, from: number, limit: number): Promise<StoredBatch[]>;
};

type Row = { publisher_id: string; received_at: number | string; body: string; ended: number | string };

/** Rows in arrival order regrouped into the batches they came in. */
function toBatches(rows: readonly Row[]): StoredBatch[] {
  const batches: StoredBatch[] = [];
  for (const row of rows) {
    const receivedAt = Number(row.received_at);
    const last = batches[batches.length - 1];
    const sample = JSON.parse(row.body) as PublisherSample;
    if (last && last.pid === row.publisher_id && last.receivedAt === receivedAt && !last.ended)
      last.samples.push(sample);
    else batches.push({ pid: row.publisher_id, receivedAt, samples: [sample], ended: false });
    if (Number(row.ended) === 1) (batches[batches.length - 1] as StoredBatch).ended = true;
  }
  return batches;
}

export function createPublisherStore(base: Kysely<DB>): PublisherStore {
  const db = base.withTables<{ publisher_samples: PublisherSamplesTable }>();
  return {
    async add(eventId, phase, { pid, receivedAt, samples, ended }) {
      await db.transaction().execute(async (tx) => {
        if (samples.length > 0)
          await tx
            .insertInto('publisher_samples')
            .values(
              samples.map((s) => ({
                event_id: eventId,
                phase,
                publisher_id: pid,
                seq: s.seq,
                received_at: receivedAt,
                body: JSON.stringify(s),
                ended: 0,
              })),
            )
            .onConflict((oc) => oc.columns(['event_id', 'phase', 'publisher_id', 'seq']).doNothing())
            .execute();
        if (!ended) return;
        const newest = await tx
          .selectFrom('publisher_samples')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('event_id', '=', eventId)
          .where('phase', '=', phase)
          .where('publisher_id', '=', pid)
          .executeTakeFirst();
        if (newest?.seq == null) return;
        await tx
          .updateTable('publisher_samples')
          .set({ ended: 1 })
          .where('event_id', '=', eventId)
          .where('phase', '=', phase)
          .where('publisher_id', '=', pid)
          .where('seq', '=', Number(newest.seq))
          .execute();
      });
    },
    async recent(eventId, phase, limit) {
      const rows = await db
        .selectFrom('publisher_samples')
        .select(['publisher_id', 'seq', 'received_at', 'body', 'ended'])
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .orderBy('received_at', 'desc')
        .orderBy('publisher_id', 'desc')
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return toBatches(rows.reverse());
    },
    async since(eventId, phase, from, limit) {
      const rows = await db
        .selectFrom('publisher_samples')
        .select(['publisher_id', 'seq', 'received_at', 'body', 'ended'])
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .where('received_at', '>=', from)
        .orderBy('received_at')
        .orderBy('publisher_id')
        .orderBy('seq')
        .limit(limit)
        .execute();
      return toBatches(rows);
    },
  };
}
