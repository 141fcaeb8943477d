/** @module The event a REST path names (`:id`), or the `404` every route answers for an unknown one. */
import { EventIdSchema, type KansokuEvent } from '../../shared/event.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { HttpError } from './http-error.ts';
import { parseInput } from './validate.ts';

export function requireEvent(catalog: EventCatalog, rawId: string): KansokuEvent {
  const id = parseInput(EventIdSchema, rawId);
  const event = catalog.get(id);
  if (!event) throw new HttpError(404, 'not-found', `no event with id "${id}"`);
  return event;
}
