/** The /check verdict follows the worst item: failed → red with what to do, warned → amber, all passed → green. */
import { describe, expect, it } from 'vitest';
import { checkSummary } from '../../../../client/src/watch/check-summary.ts';
import { watchI18n } from '../../../../client/src/watch/i18n/index.ts';
import type { CheckItem, CheckStatus } from '../../../../client/src/watch/preflight/checks.ts';

const item = (id: CheckItem['id'], status: CheckStatus): CheckItem => ({
  id,
  status,
  detail: '',
  note: '',
  params: {},
});

describe('checkSummary', () => {
  it('is red with advice when any check failed', () => {
    const summary = checkSummary([item('browser', 'pass'), item('av1', 'fail'), item('autoplay', 'warn')]);
    expect(summary).toEqual({
      key: 'status.check-failed',
      params: { fail: 1, warn: 1 },
      tone: 'bad',
      advice: 'check.summary-failed',
    });
    expect(watchI18n('en').t(summary.key, summary.params)).toBe(
      'Check failed: this browser may not play the broadcast',
    );
  });

  it('is amber when a check only warned', () => {
    expect(checkSummary([item('browser', 'pass'), item('autoplay', 'warn')])).toMatchObject({
      key: 'status.check-warn',
      tone: 'warn',
      advice: 'check.summary-warn',
    });
  });

  it('is green only when every check passed', () => {
    expect(checkSummary([item('browser', 'pass'), item('webrtc', 'pass')])).toMatchObject({
      key: 'status.checked',
      tone: 'good',
      advice: null,
    });
  });
});
