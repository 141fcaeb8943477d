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
  onChange(listener: (event: KansokuEvent) => void): void;
};

export async function createEventCatalog(store: EventStore, clock: Clock): Promise<EventCatalog> {
  const cache = new Map<string, KansokuEvent>();
  for (const event of await store.list()) cache.set(event.id, event);
  const listeners: Array<(event: KansokuEvent) => void> = [];
  const changed = (event: KansokuEvent): KansokuEvent => {
    cache.set(event.id, event);
    for (const listener of listeners) listener(event);
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
    onChange: (listener) => {
      listeners.push(listener);
    },
  };
}
