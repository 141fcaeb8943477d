/**
 * @module The check's verdict (pure): red with what to do when an item failed, amber when one warned, green only
 * when every item passed (issue 12: a failed check once read "Check complete" in green).
 */
import type { MessageKey } from './i18n/messages-en.ts';
import type { CheckItem } from './preflight/checks.ts';
import type { StatusText } from './status-text.ts';

export type CheckSummary = StatusText & { advice: MessageKey | null };

export function checkSummary(checks: readonly CheckItem[]): CheckSummary {
  const fail = checks.filter((c) => c.status === 'fail').length;
  const warn = checks.filter((c) => c.status === 'warn').length;
  if (fail > 0)
    return { key: 'status.check-failed', params: { fail, warn }, tone: 'bad', advice: 'check.summary-failed' };
  if (warn > 0) return { key: 'status.check-warn', params: { fail, warn }, tone: 'warn', advice: 'check.summary-warn' };
  return { key: 'status.checked', params: { fail, warn }, tone: 'good', advice: null };
}
