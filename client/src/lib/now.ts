/**
 * @module A reactive wall clock: reading `current` inside a template or `$derived` re-runs it every interval. Given a
 * `Beat`, it reads again on each beat and its own timer waits a little longer than the interval after it, so while
 * live ticks arrive the clock changes in the same frame as they do (beat.ts) and on its own only when they stop.
 */
import { createSubscriber } from 'svelte/reactivity';
import type { Beat } from './beat.ts';

/** How much longer than the interval the own timer waits after a beat (ticks arrive with some jitter). */
const AFTER_BEAT_MS = 300;

/** The clock's timer: calls `update` every `intervalMs`, and on each beat (its own timer then waits a little longer). */
export function clockTimer(update: () => void, intervalMs: number, beat?: Beat): () => void {
  let handle: ReturnType<typeof setTimeout>;
  const own = () => {
    update();
    handle = setTimeout(own, intervalMs);
  };
  handle = setTimeout(own, intervalMs);
  const off = beat?.onBeat(() => {
    clearTimeout(handle);
    update();
    handle = setTimeout(own, intervalMs + AFTER_BEAT_MS);
  });
  return () => {
    clearTimeout(handle);
    off?.();
  };
}

export class Now {
  readonly #subscribe: () => void;
  readonly #read: () => number;

  constructor(intervalMs = 1_000, read: () => number = Date.now, beat?: Beat) {
    this.#read = read;
    // The timer only runs while something reads `current`.
    this.#subscribe = createSubscriber((update) => clockTimer(update, intervalMs, beat));
  }

  get current(): number {
    this.#subscribe();
    return this.#read();
  }
}
