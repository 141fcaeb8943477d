/**
 * @module What a sane tick looks like whatever viewers sent (issue 10): finite counts, distributions within physical
 * bounds.
 */
import {
  MAX_BITRATE_KBPS,
  MAX_FPS,
  MAX_FRAME_BURST,
  MAX_FRAME_SIDE_PX,
  MAX_JITTER_BUFFER_S,
  MAX_JITTER_S,
} from '../../shared/limits.ts';
import type { Dist, Tick, ViewerDistKey } from '../../shared/tick.ts';
import { MAX_TICK_KEYS } from '../../server/live/tally.ts';

/** The tick's count records (labels → counts): every value a non-negative integer, whatever the labels. */
export const TICK_COUNTS = [
  'codecs',
  'decoders',
  'resolutions',
  'browsers',
  'os',
  'bands',
  'reasons',
  'funnel',
  'failures',
  'endings',
] as const;

/** Upper bound of each distribution (video + audio bitrate; freezes can be at most one per frame). */
const DIST_BOUNDS: Record<ViewerDistKey, number> = {
  bitrateKbps: 2 * MAX_BITRATE_KBPS,
  lossPct: 100,
  jitterMs: MAX_JITTER_S * 1000,
  jitterBufferMs: MAX_JITTER_BUFFER_S * 1000,
  rttMs: 60_000,
  fps: MAX_FPS,
  height: MAX_FRAME_SIDE_PX,
  freezesPerMin: (MAX_FPS + MAX_FRAME_BURST) * 60,
};

const count = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0;

function checkDist(name: string, d: Dist, max: number, out: string[]): void {
  if (d === null) return;
  for (const q of ['p10', 'p50', 'p90'] as const) {
    const x = d[q];
    if (!(typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= max))
      out.push(`${name}.${q} = ${String(x)} (bound ${max})`);
  }
  if (!(d.p10 <= d.p50 && d.p50 <= d.p90)) out.push(`${name} percentiles out of order`);
}

/** Problems with one tick as a dashboard receives it (JSON); `maxSessions` bounds the viewer counts. */
export function tickProblems(tick: Tick, maxSessions: number): string[] {
  const out: string[] = [];
  for (const key of TICK_COUNTS) {
    const counts = tick[key] as Record<string, unknown>;
    const entries = Object.entries(counts ?? {});
    for (const [k, n] of entries) if (!count(n)) out.push(`${key}[${JSON.stringify(k)}] = ${JSON.stringify(n)}`);
    if (['codecs', 'decoders', 'resolutions', 'browsers', 'os'].includes(key) && entries.length > MAX_TICK_KEYS)
      out.push(`${key} has ${entries.length} keys`);
  }
  const v = tick.viewers;
  for (const key of ['connected', 'joining', 'watching', 'failed', 'total', 'peak'] as const) {
    if (!count(v[key]) || v[key] > maxSessions)
      out.push(`viewers.${key} = ${v[key]} (at most ${maxSessions} sessions)`);
  }
  if (v.sfu !== null && !(count(v.sfu) && v.sfu <= 10_000_000)) out.push(`viewers.sfu = ${v.sfu}`);
  for (const [name, max] of Object.entries(DIST_BOUNDS))
    checkDist(name, tick[name as keyof typeof DIST_BOUNDS], max, out);
  if (!count(tick.ingest.samples) || !count(tick.ingest.invalid)) out.push(`ingest = ${JSON.stringify(tick.ingest)}`);
  return out;
}
