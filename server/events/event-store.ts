/** @module Stores broadcast events: create, read, list and patch, with Sora/Discord settings as JSON. */
import { randomBytes } from 'node:crypto';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DiscordSettings, EventCreate, EventPatch, KansokuEvent, SoraSettings } from '../../shared/event.ts';
import type { DB, EventsTable } from '../db/schema.ts';

export type EventStore = {
  create(input: EventCreate, now: number): Promise<KansokuEvent>;
  get(id: string): Promise<KansokuEvent | null>;
  /** Latest scheduled start first; unscheduled events last, newest created first. */
  list(): Promise<KansokuEvent[]>;
  /** Applies the fields present in `patch` (null clears a nullable one); null when the event does not exist. */
  update(id: string, patch: EventPatch, now: number): Promise<KansokuEvent | null>;
};

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const EVENT_ID_LENGTH = 10;

/** 10 URL-safe characters, 60 random bits (64 symbols divide 256, so every symbol is equally likely). */
export function randomEventId(): string {
  return Array.from(randomBytes(EVENT_ID_LENGTH), (b) => ID_ALPHABET[b & 63]).join('');
}

/**
 * ms since epoch of an ISO 8601 timestamp, or null. Normalises the forms the schema accepts but
 * `Date.parse` does not: a space before the time or the offset, and `+09` / `+0900` offsets.
 */
export function isoToMs(iso: string | null): number | null {
  if (iso === null) return null;
  const normalised = iso
    .replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T')
    .replace(/ ?([+-]\d{2}):?(\d{2})?$/, (_m, h: string, m: string | undefined) => `${h}:${m ?? '00'}`);
  const ms = Date.parse(normalised);
  return Number.isFinite(ms) ? ms : null;
}

function fromRow(r: Selectable<EventsTable>): KansokuEvent {
  return {
    id: r.id,
    title: r.title,
    scheduledStart: r.scheduled_start,
    phase: r.phase,
    sora: r.sora === null ? null : (JSON.parse(r.sora) as SoraSettings),
    discord: JSON.parse(r.discord) as DiscordSettings,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Column values for the fields present in `patch`. */
function toColumns(patch: EventPatch): Updateable<EventsTable> {
  const set: Updateable<EventsTable> = {};
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.scheduledStart !== undefined) {
    set.scheduled_start = patch.scheduledStart;
    set.scheduled_start_ms = isoToMs(patch.scheduledStart);
  }
  if (patch.phase !== undefined) set.phase = patch.phase;
  if (patch.sora !== undefined) set.sora = patch.sora === null ? null : JSON.stringify(patch.sora);
  if (patch.discord !== undefined) set.discord = JSON.stringify(patch.discord);
  return set;
}

export function createEventStore(db: Kysely<DB>, newId: () => string = randomEventId): EventStore {
  const get = async (id: string): Promise<KansokuEvent | null> => {
    const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  };

  return {
    async create(input, now) {
      const row: Insertable<EventsTable> = {
        id: newId(),
        title: input.title,
        scheduled_start: input.scheduledStart,
        scheduled_start_ms: isoToMs(input.scheduledStart),
        phase: input.phase,
        sora: input.sora === null ? null : JSON.stringify(input.sora),
        discord: JSON.stringify(input.discord),
        created_at: now,
        updated_at: now,
      };
      const stored = await db.insertInto('events').values(row).returningAll().executeTakeFirstOrThrow();
      return fromRow(stored);
    },

    get,

    async list() {
      const rows = await db
        .selectFrom('events')
        .selectAll()
        .orderBy('scheduled_start_ms', (ob) => ob.desc().nullsLast())
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(fromRow);
    },

    async update(id, patch, now) {
      const row = await db
        .updateTable('events')
        .set({ ...toColumns(patch), updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? fromRow(row) : null;
    },
  };
}
