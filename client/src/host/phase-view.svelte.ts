/**
 * @module Which phase of the selected event the dashboard shows. It follows the event (`defaultViewPhase`: the
 * current phase, or the show once the event has ended) until the host picks another; the pick lives in the URL
 * (`?phase=`) so a reload keeps it, and belongs to one event. Viewing a phase never changes the event's phase.
 */
import { defaultViewPhase, PHASES, type KansokuEvent, type Phase } from '../../../shared/event.ts';
import type { HostApi } from './api.ts';

/** Where the pick is kept (the page URL); injected so tests need no DOM. */
export type PhaseMemory = {
  read(): { eventId: string | null; phase: string | null };
  write(phase: Phase | null): void;
};

const isPhase = (x: string | null): x is Phase => x !== null && (PHASES as readonly string[]).includes(x);

export class PhaseView {
  /** The host's pick, for one event; null: follow the event. */
  pinned = $state<{ eventId: string; phase: Phase } | null>(null);
  /** Whether each phase of `probedId` has any stored tick (undefined: not known). */
  hasData = $state.raw<Partial<Record<Phase, boolean>>>({});
  probedId = $state<string | null>(null);
  readonly #memory: PhaseMemory;

  constructor(memory: PhaseMemory) {
    this.#memory = memory;
    const { eventId, phase } = memory.read();
    if (eventId && isPhase(phase)) this.pinned = { eventId, phase };
  }

  /** The phase to show for `event`. */
  viewed(event: Pick<KansokuEvent, 'id' | 'phase'>): Phase {
    return this.pinned?.eventId === event.id ? this.pinned.phase : defaultViewPhase(event);
  }

  /** Picking the phase the event would open on anyway means following it again. */
  pick(event: Pick<KansokuEvent, 'id' | 'phase'>, phase: Phase): void {
    if (phase === defaultViewPhase(event)) this.follow();
    else {
      this.pinned = { eventId: event.id, phase };
      this.#memory.write(phase);
    }
  }

  /** Back to the event's own view phase (after the host switched the event's phase, or on request). */
  follow(): void {
    this.pinned = null;
    this.#memory.write(null);
  }

  /** Another event was selected: a pick made for the previous one does not carry over. */
  selected(eventId: string | null): void {
    if (this.pinned && this.pinned.eventId !== eventId) this.follow();
  }

  /** Asks which phases have stored numbers (the latest tick of each), for the picker to mark the empty ones. */
  async probe(api: Pick<HostApi, 'live'>, eventId: string): Promise<void> {
    this.probedId = eventId;
    this.hasData = {};
    const answers = await Promise.all(
      PHASES.map(async (phase) => {
        try {
          return [phase, (await api.live({ eventId, phase })) !== null] as const;
        } catch {
          return [phase, undefined] as const;
        }
      }),
    );
    if (this.probedId !== eventId) return;
    this.hasData = Object.fromEntries(answers.filter(([, has]) => has !== undefined));
  }

  /** A live tick arrived for `phase`: it has data now. */
  sawData(eventId: string, phase: Phase): void {
    if (this.probedId === eventId && this.hasData[phase] !== true) this.hasData = { ...this.hasData, [phase]: true };
  }
}
