/**
 * @module The per-viewer table's state: rows from `GET /api/events/:id/viewers`, refreshed every few seconds
 * (not per tick: 10,000 rows are ~4 MB), paused while the page is hidden; sort, filter and the opened viewer.
 */
import type { HostApi } from '../api.ts';
import type { ViewerSummary } from '../../../../shared/viewer.ts';
import { viewRows, type SortDir, type SortKey, type ViewerFilter } from './viewer-sort.ts';

export const REFRESH_MS = 5_000;
/** Big audiences refresh less often. */
export const BIG_REFRESH_MS = 15_000;
const BIG_TABLE = 2_000;

export type TableTimers = { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };

export class ViewerTableState {
  rows = $state.raw<ViewerSummary[]>([]);
  loadedAt = $state<number | null>(null);
  error = $state<string | null>(null);
  sortKey = $state<SortKey>('worst');
  sortDir = $state<SortDir>(1);
  query = $state('');
  filter = $state<ViewerFilter>('all');
  openId = $state<string | null>(null);
  view = $derived(viewRows(this.rows, this.query, this.filter, this.sortKey, this.sortDir));
  opened = $derived(this.rows.find((r) => r.sessionId === this.openId) ?? null);

  readonly #api: Pick<HostApi, 'viewers'>;
  readonly #eventId: string;
  readonly #timers: TableTimers;
  readonly #visible: () => boolean;
  readonly #now: () => number;
  #handle: unknown = null;
  #stopped = false;

  constructor(api: Pick<HostApi, 'viewers'>, eventId: string, timers: TableTimers, visible: () => boolean = () => true, now: () => number = Date.now) {
    this.#api = api;
    this.#eventId = eventId;
    this.#timers = timers;
    this.#visible = visible;
    this.#now = now;
  }

  start(): void {
    void this.refresh();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#handle !== null) this.#timers.clearTimeout(this.#handle);
  }

  async refresh(): Promise<void> {
    if (this.#handle !== null) this.#timers.clearTimeout(this.#handle);
    this.#handle = null;
    if (this.#visible()) {
      try {
        this.rows = await this.#api.viewers(this.#eventId);
        this.loadedAt = this.#now();
        this.error = null;
      } catch (error) {
        this.error = error instanceof Error ? error.message : String(error);
      }
    }
    if (!this.#stopped) this.#handle = this.#timers.setTimeout(() => void this.refresh(), this.rows.length > BIG_TABLE ? BIG_REFRESH_MS : REFRESH_MS);
  }

  /** Clicking the sorted column flips the direction; another column sorts ascending (worst: worst first). */
  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.sortDir = this.sortDir === 1 ? -1 : 1;
    else {
      this.sortKey = key;
      this.sortDir = 1;
    }
  }

  open(sessionId: string | null): void {
    this.openId = sessionId;
  }
}
