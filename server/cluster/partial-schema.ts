/**
 * @module The wire form of a partial tick as it comes back out of Redis: checked like any payload that crossed a
 * network (another Kansoku version, or anything else that can write the key, must not crash the aggregator).
 */
import * as v from 'valibot';
import { PHASES } from '../../shared/event.ts';
import { QUALITY_REASONS, VIEWER_DISTS } from '../../shared/tick.ts';
import type { PartialTick } from './partial-tick.ts';
import { PARTIAL_KEYS } from './partial-tick.ts';

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000));
const finite = v.pipe(v.number(), v.finite());
const labels = v.pipe(
  v.record(v.pipe(v.string(), v.maxLength(128)), count),
  v.check((r) => Object.keys(r).length <= PARTIAL_KEYS, `at most ${PARTIAL_KEYS} keys`),
);
const SketchSchema = v.object({
  zero: count,
  bins: v.pipe(
    v.array(v.tuple([v.pipe(v.number(), v.integer(), v.minValue(-2000), v.maxValue(2000)), count, finite, finite])),
    v.maxLength(4000),
  ),
});

const PartialTickSchema = v.object({
  instance: v.pipe(v.string(), v.maxLength(128)),
  t: v.pipe(v.number(), v.integer(), v.minValue(0)),
  eventId: v.pipe(v.string(), v.maxLength(128)),
  phase: v.picklist(PHASES),
  states: v.object({ connected: count, joining: count, watching: count, failed: count }),
  codecs: labels,
  decoders: labels,
  resolutions: labels,
  browsers: labels,
  os: labels,
  bands: v.object({ good: count, fair: count, poor: count }),
  reasons: v.partial(
    v.object(
      Object.fromEntries(QUALITY_REASONS.map((r) => [r, count])) as Record<
        (typeof QUALITY_REASONS)[number],
        typeof count
      >,
    ),
  ),
  dists: v.object(
    Object.fromEntries(VIEWER_DISTS.map((k) => [k, SketchSchema])) as Record<
      (typeof VIEWER_DISTS)[number],
      typeof SketchSchema
    >,
  ),
  ingest: v.object({ samples: count, invalid: count }),
  sfu: v.nullable(v.object({ recvonly: count, t: finite, webhook: v.boolean() })),
});

/** The partial in `text`, or null (with the reason) when it is not one. */
export function parsePartial(text: string): { ok: true; partial: PartialTick } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const result = v.safeParse(PartialTickSchema, json);
  if (!result.success) return { ok: false, reason: result.issues.map((i) => i.message).join('; ') };
  // Labels came from browsers: counted again in Maps by the merge, never used as keys of a plain object here.
  return { ok: true, partial: result.output as PartialTick };
}
