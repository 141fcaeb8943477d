/**
 * @module The events a host can pick: the list, the selection (kept in the URL and remembered for the next visit),
 * creating an event inline and switching its phase.
 */
import type { KansokuEvent, Phase } from '../../../shared/event.ts';
import type { EventCreateInput, HostApi } from './api.ts';

/** Where the selection is remembered (the page URL, localStorage); injected so tests need no DOM. */
export type SelectionMemory = { read(): string | null; write(id: string | null): void };

const ACTIVE: readonly Phase[] = ['live', 'rehearsal'];

export class EventDirectory {
  events = $state.raw<KansokuEvent[]>([]);
  selectedId = $state<string | null>(null);
  loaded = $state(false);
  error = $state<string | null>(null);
  selected = $derived<KansokuEvent | null>(this.events.find((e) => e.id === this.selectedId) ?? null);
  readonly #api: Pick<HostApi, 'events' | 'createEvent' | 'setPhase'>;
  readonly #memory: SelectionMemory;

  constructor(api: Pick<HostApi, 'events' | 'createEvent' | 'setPhase'>, memory: SelectionMemory) {
    this.#api = api;
    this.#memory = memory;
  }

  /** Loads the list and selects the remembered event, else one that is live or rehearsing, else the newest. */
  async load(): Promise<void> {
    try {
      this.events = await this.#api.events();
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.loaded = true;
    const remembered = this.#memory.read();
    const pick =
      this.events.find((e) => e.id === remembered) ??
      this.events.find((e) => ACTIVE.includes(e.phase)) ??
      this.events[0];
    this.select(pick?.id ?? null);
  }

  select(id: string | null): void {
    this.selectedId = id;
    this.#memory.write(id);
  }

  async create(input: EventCreateInput): Promise<KansokuEvent> {
    const event = await this.#api.createEvent(input);
    this.upsert(event);
    this.select(event.id);
    return event;
  }

  async setPhase(phase: Phase): Promise<void> {
    if (!this.selectedId) return;
    this.upsert(await this.#api.setPhase(this.selectedId, phase));
  }

  /** A created or changed event (from a REST answer or `event:updated`). */
  upsert(event: KansokuEvent): void {
    const i = this.events.findIndex((e) => e.id === event.id);
    this.events = i < 0 ? [event, ...this.events] : this.events.map((e) => (e.id === event.id ? event : e));
  }
}
