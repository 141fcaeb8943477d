/**
 * @module Which ticks one view charts (pure): the preset's last minutes of the live hour (with the thinned older
 * ticks for the whole phase), or a custom range pieced together from every source; and the span the data covers.
 */
import type { Tick } from '../../../../shared/tick.ts';
import { lastSpan, layered } from '../tick-buffer.ts';
import { RANGE_MS, type RangeKey } from './chart-range.svelte.ts';
import type { Range } from './zoom-range.ts';

/** The ticks a view has: the live hour, thinned older ones, a zoom's full-resolution ones (each oldest first). */
export type TickSources = { ticks: readonly Tick[]; older: readonly Tick[]; zoomed: readonly Tick[] };

export function visibleTicks(
  sources: TickSources,
  range: { preset: RangeKey; custom: Range | null; view: Range | null },
): readonly Tick[] {
  const { ticks, older, zoomed } = sources;
  if (range.custom && range.view) return layered([older, zoomed, ticks], range.view.from, range.view.to);
  const all = range.preset === 'all' && older.length > 0 ? [...older, ...ticks] : ticks;
  return lastSpan(all, RANGE_MS[range.preset], ticks[ticks.length - 1]?.t ?? 0);
}

/** From the first tick known (the phase's start once older ticks are in) to the newest; null without ticks. */
export function tickBounds(sources: TickSources): Range | null {
  const { ticks, older, zoomed } = sources;
  const latest = ticks[ticks.length - 1]?.t;
  const first = Math.min(older[0]?.t ?? Infinity, zoomed[0]?.t ?? Infinity, ticks[0]?.t ?? Infinity);
  return latest === undefined || !Number.isFinite(first) ? null : { from: first, to: latest };
}
