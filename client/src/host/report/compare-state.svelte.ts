/**
 * @module Compare this report with another event's (or another phase of the same event): the choices from the
 * past-events list, the other report, and the pick kept in the URL (`?compare=&comparePhase=`).
 */
import type { EventReport, EventSummaryRow } from '../../../../shared/event-report.ts';
import type { Phase } from '../../../../shared/event.ts';
import type { HostApi } from '../api.ts';

export type ComparePick = { eventId: string; phase: Phase | null };
export type CompareMemory = { read(): ComparePick | null; write(pick: ComparePick | null): void };

export class CompareState {
  events = $state.raw<EventSummaryRow[]>([]);
  other = $state.raw<EventReport | null>(null);
  pick = $state.raw<ComparePick | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  readonly #api: Pick<HostApi, 'pastEvents' | 'report'>;
  readonly #memory: CompareMemory;

  constructor(api: Pick<HostApi, 'pastEvents' | 'report'>, memory: CompareMemory) {
    this.#api = api;
    this.#memory = memory;
  }

  /** The list to pick from, and the remembered pick. */
  async start(): Promise<void> {
    try {
      this.events = await this.#api.pastEvents();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    const remembered = this.#memory.read();
    if (remembered) await this.choose(remembered);
  }

  async choose(pick: ComparePick | null): Promise<void> {
    this.pick = pick;
    this.#memory.write(pick);
    this.other = null;
    if (!pick) return;
    this.loading = true;
    try {
      const report = await this.#api.report(pick.eventId, pick.phase);
      if (this.pick === pick) this.other = report;
      this.error = null;
    } catch (error) {
      if (this.pick === pick) this.error = error instanceof Error ? error.message : String(error);
    }
    this.loading = false;
  }
}
