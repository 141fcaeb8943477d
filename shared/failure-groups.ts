/**
 * @module Which failure categories are join failures (the viewer never got in), which mean no picture after getting in,
 * and which is a drop; a normal end of the broadcast (`shutdown`) is none of them (docs/failures.md). The failures
 * panel and the alert rules read the same groups, so "join failures" means the same thing in both.
 */
import type { FailureCategory } from './funnel.ts';

export const FAILURE_GROUPS = ['join', 'no-picture', 'dropped'] as const;
export type FailureGroup = (typeof FAILURE_GROUPS)[number];

/** Never got in: stopped before the first frame by the browser, signaling, ICE or DTLS. */
export const JOIN_FAILURES: readonly FailureCategory[] = [
  'unsupported-browser',
  'codec-unsupported',
  'signaling-unreachable',
  'signaling-rejected',
  'all-candidates-failed',
  'join-timeout',
  'ice-failed',
  'connection-failed',
];

/** Got in but saw no picture for a while: no decoded frame, or the browser refused to start playback (a warning). */
export const NO_PICTURE_FAILURES: readonly FailureCategory[] = ['no-media', 'autoplay-blocked'];

const GROUP = new Map<string, FailureGroup>([
  ...JOIN_FAILURES.map((c) => [c, 'join'] as const),
  ...NO_PICTURE_FAILURES.map((c) => [c, 'no-picture'] as const),
  ['dropped', 'dropped'],
]);

/** The group of a category; null for `shutdown` (an ending) and for codes this build does not know. */
export const failureGroup = (category: string): FailureGroup | null => GROUP.get(category) ?? null;

/** Sum of the counts of the listed categories (own keys only: the record comes from the network). */
export function countOf(
  failures: Partial<Record<FailureCategory, number>> | undefined,
  categories: readonly FailureCategory[],
): number {
  let n = 0;
  if (!failures) return 0;
  for (const c of categories) if (Object.hasOwn(failures, c)) n += failures[c] ?? 0;
  return n;
}
