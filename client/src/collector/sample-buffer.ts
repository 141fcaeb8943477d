/**
 * @module Bounded FIFO of samples the server has not acknowledged yet; the oldest go first when it is full. Viewer
 * samples by default; the publisher collector keeps its own kind (anything numbered by `seq`).
 */
import { MAX_SAMPLES_PER_BATCH, SAMPLE_BUFFER_CAPACITY } from '../../../shared/limits.ts';
import type { StatsSample } from '../../../shared/stats-sample.ts';

export class SampleBuffer<T extends { seq: number } = StatsSample> {
  readonly capacity: number;
  /** Always in increasing `seq` order: `push` refuses anything else. */
  #samples: T[] = [];
  #dropped = 0;

  constructor(capacity: number = SAMPLE_BUFFER_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  /** Samples currently waiting for an ack. */
  get size(): number {
    return this.#samples.length;
  }

  /** Samples pushed out unsent because the buffer was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /**
   * Appends a sample; when full, drops the oldest one (old samples matter least for a live chart, and the
   * counters are cumulative, so the next sample still carries the totals). Returns false, and keeps nothing,
   * when `sample.seq` is not above the newest buffered seq.
   */
  push(sample: T): boolean {
    const last = this.#samples.at(-1);
    if (last && sample.seq <= last.seq) return false;
    this.#samples.push(sample);
    if (this.#samples.length > this.capacity) {
      this.#samples.shift();
      this.#dropped += 1;
    }
    return true;
  }

  /** Removes every sample with `seq ≤ seq`; returns how many were removed. */
  ack(seq: number): number {
    const firstKept = this.#samples.findIndex((s) => s.seq > seq);
    const removed = firstKept === -1 ? this.#samples.length : firstKept;
    this.#samples.splice(0, removed);
    return removed;
  }

  /** Shifts every buffered seq by `offset` (a reloaded page continuing its session after the server's lastSeq). */
  renumber(offset: number): void {
    for (const sample of this.#samples) sample.seq += offset;
  }

  /** The oldest samples, in seq order, at most `max` (and never more than `MAX_SAMPLES_PER_BATCH`). Does not remove them. */
  pending(max: number = MAX_SAMPLES_PER_BATCH): T[] {
    return this.#samples.slice(0, Math.max(0, Math.min(max, MAX_SAMPLES_PER_BATCH)));
  }
}
