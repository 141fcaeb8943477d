/** @module The newest few samples, kept regardless of acks, for a viewer's "report a problem" (its last 30 s). */
import type { StatsSample } from '../../../shared/stats-sample.ts';

export class RecentSamples {
  readonly capacity: number;
  #samples: StatsSample[] = [];

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  push(sample: StatsSample): void {
    this.#samples.push(sample);
    if (this.#samples.length > this.capacity) this.#samples.shift();
  }

  /** Copies of the samples within `windowMs` of the newest one (by sample time), oldest first. */
  within(windowMs: number): StatsSample[] {
    const newest = this.#samples.at(-1);
    if (!newest) return [];
    return this.#samples.filter((s) => s.t >= newest.t - windowMs).map((s) => structuredClone(s));
  }
}
