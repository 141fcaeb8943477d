/**
 * @module Which tick each dashboard panel shows while live (pure). At 10,000 viewers nearly every count moves every
 * second, and each change is a rendering frame's style, layout and paint work: the panels below the headline numbers
 * show a tick every `every` seconds instead, each panel on a second of its own (its lane), so a second updates the
 * headline numbers and one lane's panels, not every panel at once (issue 12: main thread per tick). Their charts
 * move in 3 s buckets anyway.
 */
import type { Tick } from '../../../../shared/tick.ts';

export class Staggered {
  readonly #every: number;
  readonly #held = new Map<number, Tick>();

  constructor(every: number) {
    this.#every = every;
  }

  /** The tick the panel on `lane` shows now that `latest` came: `latest` on its lane's second, else what it held. */
  pick(lane: number, latest: Tick | null): Tick | null {
    const held = this.#held.get(lane);
    if (!latest) return latest;
    const second = Math.floor(latest.t / 1_000);
    const due =
      !held ||
      latest.t < held.t ||
      latest.t - held.t >= this.#every * 1_000 ||
      (second % this.#every === lane % this.#every && latest.t !== held.t);
    if (!due) return held;
    this.#held.set(lane, latest);
    return latest;
  }
}
