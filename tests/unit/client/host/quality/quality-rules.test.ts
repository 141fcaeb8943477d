/** The quality bands' rules as shown to the host are written from the grading rule itself, in both languages. */
import { describe, expect, it } from 'vitest';
import { LONG_FREEZE_MS, QUALITY_RULES } from '../../../../../shared/quality.ts';
import { HOST_MESSAGES } from '../../../../../client/src/host/i18n/index.ts';
import { bandRule, qualityRuleRows } from '../../../../../client/src/host/quality/quality-rules.ts';
import { I18n } from '../../../../../client/src/lib/i18n.svelte.ts';

describe('quality rules text', () => {
  it('has one row per rule, in the rule order, with its Fair and Poor lines', () => {
    const rows = qualityRuleRows(new I18n(HOST_MESSAGES, 'en'));
    expect(rows.map((r) => r.reason)).toEqual(QUALITY_RULES.map((r) => r.reason));
    const byReason = Object.fromEntries(rows.map((r) => [r.reason, r]));
    expect(byReason.loss).toMatchObject({ name: 'Packet loss', fair: '> 1%', poor: '> 5%' });
    expect(byReason['jitter-buffer']).toMatchObject({ fair: '> 150 ms', poor: '> 500 ms' });
    expect(byReason.rtt).toMatchObject({ fair: '> 250 ms', poor: '> 400 ms' });
    expect(byReason.stall).toMatchObject({ fair: '—', poor: 'any' });
    expect(byReason.freeze?.poor).toBe(`> 5% or an average freeze over ${LONG_FREEZE_MS / 1000} s`);
  });

  it('follows the thresholds wherever they are set', () => {
    for (const row of qualityRuleRows(new I18n(HOST_MESSAGES, 'en'))) {
      const rule = QUALITY_RULES.find((r) => r.reason === row.reason);
      if (!rule || rule.unit === null) continue;
      expect(row.fair, row.reason).toContain(String(rule.fair));
      expect(row.poor, row.reason).toContain(String(rule.poor));
    }
  });

  it('is complete in Japanese, with no English measure left', () => {
    const i18n = new I18n(HOST_MESSAGES, 'ja');
    for (const row of qualityRuleRows(i18n)) {
      expect(row.measure, row.reason).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(row.poor, row.reason).not.toMatch(/any|average/);
    }
    expect(bandRule(i18n, 'good')).toMatch(/^良好：/);
  });
});
