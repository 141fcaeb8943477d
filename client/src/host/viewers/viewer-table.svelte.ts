/**
 * @module The per-viewer table's state: every session of the viewed phase from `GET /api/events/:id/viewers?phase=`,
 * refreshed every few seconds while that phase is the event's current one (not per tick: 10,000 rows are ~4 MB),
 * paused while the page is hidden or the table is scrolled out of sight (10,000 rows cost the page ~200 ms to take
 * in), and loaded at once when it comes back into sight if it is older than a refresh; sort, filter (text, state, a
 * failure category), showing or hiding ended sessions, and the opened viewer.
 * While the host's pointer is over the table or a row has focus, the table is held: refreshes update the rows'
 * values in place but not their order or membership (a row never moves from under the pointer), and are counted;
 * the host's own sort or filter still applies at once.
 */
import type { HostApi, PhaseRef } from '../api.ts';
import type { Timers } from '../../../../shared/timers.ts';
import type { ViewerSummary } from '../../../../shared/viewer.ts';
import { inOrder, isEnded, viewRows, type SortDir, type SortKey, type ViewerFilter } from './viewer-sort.ts';

export const REFRESH_MS = 5_000;
/** Big audiences refresh less often. */
export const BIG_REFRESH_MS = 15_000;
const BIG_TABLE = 2_000;

/** The table only needs one-shot timers. */
export type TableTimers = Pick<Timers, 'setTimeout' | 'clearTimeout'>;

export type HoldReason = 'pointer' | 'focus';

export type TableOptions = {
  /** False while the page is hidden: refreshes are skipped. */
  visible?: () => boolean;
  /** True while the phase is the event's current one; a finished phase's sessions do not change, so it loads once. */
  current?: () => boolean;
  now?: () => number;
};

export class ViewerTableState {
  rows = $state.raw<ViewerSummary[]>([]);
  loadedAt = $state<number | null>(null);
  error = $state<string | null>(null);
  sortKey = $state<SortKey>('worst');
  sortDir = $state<SortDir>(1);
  query = $state('');
  filter = $state<ViewerFilter>('all');
  /** Ended sessions are listed after the open ones; the host can hide them. */
  showEnded = $state(true);
  openId = $state<string | null>(null);
  /** A failure category picked in the failures panel: only sessions with that failure are listed. */
  category = $state<string | null>(null);
  /** Why the table is held: the pointer is over it, a row has focus. */
  holders = $state.raw<ReadonlySet<HoldReason>>(new Set());
  held = $derived(this.holders.size > 0);
  /** Refreshes that arrived while held (their values are shown; their order waits for the release). */
  heldUpdates = $state(0);
  endedCount = $derived(this.rows.reduce((n, r) => n + (isEnded(r) ? 1 : 0), 0));
  openCount = $derived(this.rows.length - this.endedCount);
  /** The rows in the order the current sort and filters give. */
  sorted = $derived(
    viewRows(this.rows, this.query, this.filter, this.sortKey, this.sortDir, this.showEnded, this.category),
  );
  /** What is listed: the sorted rows, or while held, the order that was on screen for the same sort and filters. */
  view = $derived.by(() => {
    const frozen = this.#frozen;
    return this.held && frozen && frozen.key === this.#settings() ? inOrder(frozen.ids, this.rows) : this.sorted;
  });
  opened = $derived(this.rows.find((r) => r.sessionId === this.openId) ?? null);

  readonly #api: Pick<HostApi, 'viewers'>;
  readonly #ref: PhaseRef;
  readonly #timers: TableTimers;
  readonly #visible: () => boolean;
  readonly #current: () => boolean;
  readonly #now: () => number;
  #handle: unknown = null;
  #stopped = false;
  /** The table is on screen (or near it): refreshes after the first load are skipped while it is not. */
  #inSight = true;
  /** The order on screen when a refresh came in while held, for the sort and filters then. */
  #frozen = $state.raw<{ key: string; ids: readonly string[] } | null>(null);

  constructor(api: Pick<HostApi, 'viewers'>, ref: PhaseRef, timers: TableTimers, options: TableOptions = {}) {
    this.#api = api;
    this.#ref = ref;
    this.#timers = timers;
    this.#visible = options.visible ?? (() => true);
    this.#current = options.current ?? (() => true);
    this.#now = options.now ?? Date.now;
  }

  start(): void {
    void this.refresh();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#handle !== null) this.#timers.clearTimeout(this.#handle);
  }

  /** Loads now, then every few seconds while the phase is current; a still phase loads once (the timer keeps checking). */
  async refresh(): Promise<void> {
    if (this.#handle !== null) this.#timers.clearTimeout(this.#handle);
    this.#handle = null;
    const due = this.loadedAt === null || (this.#current() && this.#inSight);
    if (due && this.#visible()) {
      try {
        const rows = await this.#api.viewers(this.#ref);
        if (this.held) this.#freeze();
        this.rows = rows;
        this.loadedAt = this.#now();
        this.error = null;
      } catch (error) {
        this.error = error instanceof Error ? error.message : String(error);
      }
    }
    if (!this.#stopped) this.#handle = this.#timers.setTimeout(() => void this.refresh(), this.#period());
  }

  /** The table came into sight or left it; coming back, rows older than a refresh period are loaded at once. */
  sight(inSight: boolean): void {
    if (inSight === this.#inSight) return;
    this.#inSight = inSight;
    const stale = this.loadedAt !== null && this.#now() - this.loadedAt >= this.#period();
    if (inSight && stale && this.#current() && !this.#stopped) void this.refresh();
  }

  #period(): number {
    return this.rows.length > BIG_TABLE ? BIG_REFRESH_MS : REFRESH_MS;
  }

  /** The pointer entered or left the table, or focus entered or left its rows. */
  hold(reason: HoldReason, on: boolean): void {
    if (this.holders.has(reason) === on) return;
    const next = new Set(this.holders);
    if (on) next.add(reason);
    else next.delete(reason);
    this.holders = next;
    if (next.size === 0) {
      this.#frozen = null;
      this.heldUpdates = 0;
    }
  }

  #settings(): string {
    return JSON.stringify([this.query, this.filter, this.sortKey, this.sortDir, this.showEnded, this.category]);
  }

  /** Keeps what is on screen now (for these sort and filters) as the order while held. */
  #freeze(): void {
    const key = this.#settings();
    if (this.#frozen?.key !== key) this.#frozen = { key, ids: this.view.map((r) => r.sessionId) };
    this.heldUpdates += 1;
  }

  /** Clicking the sorted column flips the direction; another column sorts ascending (worst: worst first). */
  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.sortDir = this.sortDir === 1 ? -1 : 1;
    else {
      this.sortKey = key;
      this.sortDir = 1;
    }
  }

  /** Shows only sessions with this failure (ended ones included: a viewer who gave up is the interesting one). */
  pickFailure(category: string | null): void {
    this.category = category;
    if (category !== null) {
      this.filter = 'all';
      this.showEnded = true;
    }
  }

  open(sessionId: string | null): void {
    this.openId = sessionId;
  }
}
