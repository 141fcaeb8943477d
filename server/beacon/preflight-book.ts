/**
 * @module Pre-flight results waiting to be stored, and which sessions already counted a pre-flight failure
 * (pure). A reload re-runs the check in the same session; it replaces the stored row but is not a new failure.
 */
import type { Phase } from '../../shared/event.ts';
import type { FailureCategory, Preflight } from '../../shared/funnel.ts';

export type PreflightRow = {
  eventId: string;
  sessionId: string;
  phase: Phase;
  t: number;
  browser: string;
  os: string;
  items: Preflight['items'];
};

/** Sessions remembered for de-duplication; the oldest half is forgotten past this. */
const MAX_COUNTED = 200_000;

const key = (...parts: string[]): string => parts.join('\u0000');

export class PreflightBook {
  readonly #pending = new Map<string, PreflightRow>();
  readonly #counted = new Set<string>();

  add(row: PreflightRow): void {
    this.#pending.set(key(row.eventId, row.sessionId), row);
  }

  /** True only the first time this session reports `category` from a pre-flight in this phase. */
  firstFailure(eventId: string, phase: Phase, sessionId: string, category: FailureCategory): boolean {
    const k = key(eventId, phase, sessionId, category);
    if (this.#counted.has(k)) return false;
    this.#counted.add(k);
    if (this.#counted.size > MAX_COUNTED) {
      let drop = MAX_COUNTED / 2;
      for (const old of this.#counted) {
        if (drop-- <= 0) break;
        this.#counted.delete(old);
      }
    }
    return true;
  }

  get pending(): number {
    return this.#pending.size;
  }

  /** Everything added since the last drain (the latest row per session). */
  drain(): PreflightRow[] {
    const rows = [...this.#pending.values()];
    this.#pending.clear();
    return rows;
  }
}
