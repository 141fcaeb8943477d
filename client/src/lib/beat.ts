/**
 * @module The dashboard's one update a second. Live data comes as several socket messages a second — the tick, the
 * broadcaster's upload status, new failures, questions, markers and alerts — and the clock has a timer of its own:
 * each would be a rendering frame of its own (style, layout, paint, compositing), three a second at 10,000 viewers
 * (issue 12). The tick is the beat: what can wait a second waits for it (`defer`), and the clock reads again with it
 * (`Now` follows the beat), so one tick costs one frame. When no beat comes (no live phase in view), what waits runs
 * `holdMs` after it was deferred.
 */
import { globalTimers, type Timers } from '../../../shared/timers.ts';

/** Runs `apply` later, with the next beat (`Beat.defer`), or at once (`atOnce`: no beat to wait for). */
export type Defer = (apply: () => void) => void;
export const atOnce: Defer = (apply) => apply();

export type BeatTimers = Pick<Timers, 'setTimeout' | 'clearTimeout'>;

/** Longer than a tick's period, so the fallback only runs when ticks are not coming. */
export const BEAT_HOLD_MS = 1_500;

export class Beat {
  readonly #timers: BeatTimers;
  readonly #holdMs: number;
  #waiting: Array<() => void> = [];
  #fallback: unknown = null;
  readonly #listeners = new Set<() => void>();

  constructor(timers: BeatTimers = globalTimers(), holdMs = BEAT_HOLD_MS) {
    this.#timers = timers;
    this.#holdMs = holdMs;
  }

  /** Live data landed: run what waited for it, in order and in this same task, then tell the listeners. */
  beat = (): void => {
    if (this.#fallback !== null) this.#timers.clearTimeout(this.#fallback);
    this.#fallback = null;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const run of waiting) run();
    for (const listener of this.#listeners) listener();
  };

  /** Runs `run` with the next beat, or `holdMs` from now if none comes first. */
  defer = (run: () => void): void => {
    this.#waiting.push(run);
    this.#fallback ??= this.#timers.setTimeout(this.beat, this.#holdMs);
  };

  /** Calls `listener` on every beat; returns the unsubscribe. */
  onBeat(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}
