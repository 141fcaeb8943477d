/** @module A reactive wall clock: reading `current` inside a template or `$derived` re-runs it every interval. */
import { createSubscriber } from 'svelte/reactivity';

export class Now {
  readonly #subscribe: () => void;
  readonly #read: () => number;

  constructor(intervalMs = 1_000, read: () => number = Date.now) {
    this.#read = read;
    // The timer only runs while something reads `current`.
    this.#subscribe = createSubscriber((update) => {
      const handle = setInterval(update, intervalMs);
      return () => clearInterval(handle);
    });
  }

  get current(): number {
    this.#subscribe();
    return this.#read();
  }
}
