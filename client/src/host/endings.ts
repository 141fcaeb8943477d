/**
 * @module Sessions that ended apart from failures (pure). A viewer who closed the page or whose broadcast was closed
 * normally did not fail: those endings are counted on their own, and a `shutdown` is never added to failures (ticks
 * stored before endings existed carried it as a failure category, so it is taken out here too).
 */
import type { FailureCategory, FailureRecord } from '../../../shared/funnel.ts';
import { SESSION_ENDINGS, type SessionEnding, type Tick } from '../../../shared/tick.ts';

export type Endings = Record<SessionEnding, number>;

/** A normal end of the broadcast: an ending, never a failure. */
const NOT_A_FAILURE: readonly FailureCategory[] = ['shutdown'];

const zero = (): Endings => ({ left: 0, shutdown: 0, lost: 0, 'phase-end': 0 });

/** The tick's endings; zeros for a tick without them (stored before they were counted). */
export function endingsOf(tick: Pick<Tick, 'endings'> | null | undefined): Endings {
  const out = zero();
  const e = tick?.endings as Partial<Endings> | undefined;
  if (e) for (const k of SESSION_ENDINGS) out[k] = e[k] ?? 0;
  return out;
}

/**
 * Endings counted from the sessions themselves: exact for a finished phase, whose last stored tick was taken
 * before the phase change ended the sessions still open.
 */
export function endingsOfSessions(rows: readonly { ending?: SessionEnding | null }[]): Endings {
  const out = zero();
  for (const r of rows) if (r.ending != null && r.ending in out) out[r.ending] += 1;
  return out;
}

export const endedTotal = (e: Endings): number => SESSION_ENDINGS.reduce((s, k) => s + e[k], 0);

/** The endings with a count, in the contract's order (left, shutdown, lost, phase-end). */
export const endingParts = (e: Endings): Array<{ key: SessionEnding; n: number }> =>
  SESSION_ENDINGS.filter((k) => e[k] > 0).map((key) => ({ key, n: e[key] }));

/** The tick's failures by category, without the normal endings. */
export function failureCounts(
  tick: Pick<Tick, 'failures'> | null | undefined,
): Partial<Record<FailureCategory, number>> {
  const out: Partial<Record<FailureCategory, number>> = {};
  for (const [k, n] of Object.entries(tick?.failures ?? {}) as Array<[FailureCategory, number | undefined]>) {
    if (!NOT_A_FAILURE.includes(k) && n) out[k] = n;
  }
  return out;
}

export const failureTotal = (tick: Pick<Tick, 'failures'> | null | undefined): number =>
  Object.values(failureCounts(tick)).reduce<number>((s, n) => s + (n ?? 0), 0);

export const isFailure = (f: Pick<FailureRecord, 'category'>): boolean => !NOT_A_FAILURE.includes(f.category);
