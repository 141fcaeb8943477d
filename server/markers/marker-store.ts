/** @module Stores host markers (table `markers`, migration 003); rows come back as `Marker`. */
import type { Generated, Kysely } from 'kysely';
import type { Phase } from '../../shared/event.ts';
import type { Marker, MarkerKind } from '../../shared/marker.ts';
import type { DB } from '../db/schema.ts';

export interface MarkersTable {
  id: Generated<number>;
  event_id: string;
  /** Event phase when the marker was dropped. */
  phase: Phase;
  /** ms since epoch. */
  t: number;
  kind: MarkerKind;
  label: string;
}

export type MarkerStore = {
  add(marker: Omit<Marker, 'id'>): Promise<Marker>;
  /** Every marker of the event, oldest first. */
  /** The markers of one phase, oldest first. */
  list(eventId: string, phase: Phase): Promise<Marker[]>;
};

export function createMarkerStore(base: Kysely<DB>): MarkerStore {
  const db = base.withTables<{ markers: MarkersTable }>();
  return {
    async add(m) {
      const row = await db
        .insertInto('markers')
        .values({ event_id: m.eventId, phase: m.phase, t: m.t, kind: m.kind, label: m.label })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ...m, id: Number(row.id) };
    },
    async list(eventId, phase) {
      const rows = await db
        .selectFrom('markers')
        .selectAll()
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .orderBy('t')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        eventId: r.event_id,
        phase: r.phase,
        t: Number(r.t),
        kind: r.kind,
        label: r.label,
      }));
    },
  };
}
