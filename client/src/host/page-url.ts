/**
 * @module The dashboard's state in its URL, so a reload or a link given to a co-host opens the same view: the event
 * (`?event=`), the phase shown (`?phase=`), the charts' range (`?range=`, or `?from=&to=` in ms), wall mode
 * (`?wall=1|0`). Reads are pure over a search string; writes replace the history entry in place.
 */
import { isRangeKey, type RangeKey } from './range/chart-range.svelte.ts';
import type { Range } from './range/zoom-range.ts';
import { readQuery } from './report/report-route.ts';

export const readParam = (search: string, name: string): string | null => new URLSearchParams(search).get(name);

/** Sets (or, with null, removes) the parameters in the page URL without a new history entry. */
export function setParams(params: Record<string, string | number | null>): void {
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(params)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, String(value));
  }
  history.replaceState(history.state, '', url);
}

export type ChartRangeQuery = { preset: RangeKey | null; custom: Range | null };

export function readChartRange(search: string): ChartRangeQuery {
  const preset = readParam(search, 'range');
  return { preset: isRangeKey(preset) ? preset : null, custom: readQuery(search).range };
}

/** A custom range belongs to one event's phase: it goes when another event or phase is shown. */
export const CLEAR_CUSTOM_RANGE = { from: null, to: null } as const;
