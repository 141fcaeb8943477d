/**
 * @module Which pre-flight results count as join failures (pure). A failed browser or WebRTC check means the
 * viewer's browser cannot join (`unsupported-browser`); a failed codec check means it cannot decode the event's
 * codec (`codec-unsupported`). Signaling, autoplay and E2EE checks never count: the join attempt that follows
 * reports its own, more precise failure, and a blocked autoplay is only a warning.
 */
import type { FailureCategory, FailureReport, Preflight } from '../../shared/funnel.ts';

type PreflightItemId = Preflight['items'][number]['id'];

const CATEGORY_OF: Partial<Record<PreflightItemId, FailureCategory>> = {
  browser: 'unsupported-browser',
  webrtc: 'unsupported-browser',
  av1: 'codec-unsupported',
};

/** One report per category (the first failing item's detail is the evidence), timed at the pre-flight. */
export function preflightFailures(preflight: Preflight): FailureReport[] {
  const byCategory = new Map<FailureCategory, FailureReport>();
  for (const item of preflight.items) {
    const category = CATEGORY_OF[item.id];
    if (item.status !== 'fail' || category === undefined || byCategory.has(category)) continue;
    const report: FailureReport = { category, t: preflight.t, stage: 'preflight', title: `preflight:${item.id}` };
    if (item.detail !== undefined) report.message = item.detail;
    byCategory.set(category, report);
  }
  return [...byCategory.values()];
}

/** Item ids that failed, in the order sent. */
export const failedItems = (preflight: Preflight): PreflightItemId[] =>
  preflight.items.filter((item) => item.status === 'fail').map((item) => item.id);
