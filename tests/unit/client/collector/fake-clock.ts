/** @module A hand-driven clock and timers for collector tests: time only moves when `advance` is called. */
import type { Timers } from '../../../../client/src/collector/ports.ts';

type Timer = { id: number; at: number; fn: () => void; every: number | null };

/** Lets every pending promise callback run (setImmediate fires after the microtask queue is empty; no time passes). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class FakeClock {
  #now: number;
  #nextId = 1;
  #timers = new Map<number, Timer>();

  constructor(start = 1_800_000_000_000) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  /** Timers that are still scheduled (intervals count until cleared). */
  get pending(): number {
    return this.#timers.size;
  }

  readonly timers: Timers = {
    setTimeout: (fn, ms) => this.#add(fn, ms, null),
    clearTimeout: (handle) => this.#clear(handle),
    setInterval: (fn, ms) => this.#add(fn, ms, Math.max(1, ms)),
    clearInterval: (handle) => this.#clear(handle),
  };

  /** Moves time forward by `ms`, firing due timers in time order (ties: the earlier-created first) and settling promises after each. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      const next = this.#due(end);
      if (!next) break;
      this.#now = next.at;
      if (next.every === null) this.#timers.delete(next.id);
      else next.at += next.every;
      next.fn();
      await settle();
    }
    this.#now = end;
    await settle();
  }

  #due(end: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.#timers.values()) {
      if (t.at > end) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    }
    return best;
  }

  #add(fn: () => void, ms: number, every: number | null): number {
    const id = this.#nextId++;
    this.#timers.set(id, { id, at: this.#now + Math.max(0, ms), fn, every });
    return id;
  }

  #clear(handle: unknown): void {
    if (typeof handle === 'number') this.#timers.delete(handle);
  }
}
