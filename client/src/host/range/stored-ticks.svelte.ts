/**
 * @module Ticks of one phase from before the dashboard's live hour, loaded over REST on demand: thinned ticks of the
 * phase for the range "all" (and so where the phase starts, for the range inputs), and a custom range's ticks at
 * full resolution when the host zooms into that earlier time. The REST route answers the newest `limit` ticks from a
 * time on, at most 10,000: a zoom reaches full resolution up to ~2.8 h back, and the thinned ticks stand in before.
 */
import type { Tick } from '../../../../shared/tick.ts';
import type { HostApi, PhaseRef } from '../api.ts';
import { thinTicks } from '../tick-buffer.ts';
import type { Range } from './zoom-range.ts';

/** Points kept for the time before the live hour (range "all"). */
const OLDER_POINTS = 1_800;
/** The most ticks one request returns (the REST maximum). */
const FETCH_LIMIT = 10_000;

export class StoredTicks {
  /** Thinned ticks from before the live hour. */
  older = $state.raw<readonly Tick[]>([]);
  /** A custom range's ticks from before the live hour, one per second (up to the REST maximum). */
  zoomed = $state.raw<readonly Tick[]>([]);

  readonly #api: Pick<HostApi, 'ticks'>;
  readonly #ref: PhaseRef;
  /** The live hour's ticks (oldest first). */
  readonly #live: () => readonly Tick[];
  readonly #onError: (error: unknown) => void;
  #olderLoaded = false;
  #zoomSeq = 0;
  #disposed = false;

  constructor(
    api: Pick<HostApi, 'ticks'>,
    ref: PhaseRef,
    live: () => readonly Tick[],
    onError: (error: unknown) => void,
  ) {
    this.#api = api;
    this.#ref = ref;
    this.#live = live;
    this.#onError = onError;
  }

  /** Once (again after a failure). */
  async loadOlder(): Promise<void> {
    if (this.#olderLoaded) return;
    this.#olderLoaded = true;
    try {
      const all = await this.#api.ticks(this.#ref, 0, FETCH_LIMIT);
      const first = this.#live()[0]?.t ?? Infinity;
      if (!this.#disposed) this.older = thinTicks(this.#mine(all, first), OLDER_POINTS);
    } catch (error) {
      this.#olderLoaded = false;
      if (!this.#disposed) this.#onError(error);
    }
  }

  /** The ticks of `range` that lie before the live hour, at full resolution; the latest request wins. */
  async loadRange(range: Range, now: number): Promise<void> {
    void this.loadOlder();
    const live = this.#live();
    const first = live[0]?.t ?? Infinity;
    if (range.from >= Math.min(range.to, first)) return;
    const seq = ++this.#zoomSeq;
    try {
      // Newest first from `from` on: ask for every second up to the newest tick, or it answers only the last ones.
      const newest = live[live.length - 1]?.t ?? now;
      const limit = Math.min(FETCH_LIMIT, Math.ceil((newest - range.from) / 1000) + 2);
      const got = await this.#api.ticks(this.#ref, range.from, limit);
      if (!this.#disposed && seq === this.#zoomSeq) this.zoomed = this.#mine(got, first);
    } catch (error) {
      if (!this.#disposed) this.#onError(error);
    }
  }

  dispose(): void {
    this.#disposed = true;
  }

  #mine(ticks: readonly Tick[], before: number): Tick[] {
    return ticks.filter((t) => t.t < before && t.phase === this.#ref.phase);
  }
}
