/**
 * @module Events in memory, written through to the store: sockets look events up on every connection,
 * so reads must not touch the database. Listeners hear about every change (phase switches included).
 */
import type { EventCreate, EventPatch, KansokuEvent } from '../../shared/event.ts';
import type { Clock } from '../clock.ts';
import type { EventStore } from './event-store.ts';

export type EventCatalog = {
  get(id: string): KansokuEvent | undefined;
  list(): KansokuEvent[];
  create(input: EventCreate): Promise<KansokuEvent>;
  update(id: string, patch: EventPatch): Promise<KansokuEvent | null>;
  /** Reads `id` again from the store (another process changed it) and tells the listeners, with `remote` set. */
  reload(id: string): Promise<KansokuEvent | null>;
  /** `remote`: the change was made by another process of a cluster (server/cluster/) and read back from storage. */
  onChange(listener: (event: KansokuEvent, remote: boolean) => void): void;
};

export async function createEventCatalog(store: EventStore, clock: Clock): Promise<EventCatalog> {
  const cache = new Map<string, KansokuEvent>();
  for (const event of await store.list()) cache.set(event.id, event);
  const listeners: Array<(event: KansokuEvent, remote: boolean) => void> = [];
  const changed = (event: KansokuEvent, remote = false): KansokuEvent => {
    cache.set(event.id, event);
    for (const listener of listeners) listener(event, remote);
    return event;
  };
  return {
    get: (id) => cache.get(id),
    list: () =>
      [...cache.values()].sort((a, b) =>
        (b.scheduledStart ?? b.createdAt).localeCompare(a.scheduledStart ?? a.createdAt),
      ),
    create: async (input) => changed(await store.create(input, clock.now())),
    update: async (id, patch) => {
      const event = await store.update(id, patch, clock.now());
      return event ? changed(event) : null;
    },
    reload: async (id) => {
      const event = await store.get(id);
      return event ? changed(event, true) : null;
    },
    onChange: (listener) => {
      listeners.push(listener);
    },
  };
}
