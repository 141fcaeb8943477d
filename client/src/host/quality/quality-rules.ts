/**
 * @module The Good / Fair / Poor rules as the host reads them (pure): one row per measure with its Fair and Poor lines,
 * written from `QUALITY_RULES` itself (shared/quality.ts, specified in docs/quality.md) so the text cannot drift
 * from the grading; and one sentence per band for tooltips.
 */
import { LONG_FREEZE_MS, QUALITY_RULES } from '../../../../shared/quality.ts';
import type { QualityBand, QualityReason } from '../../../../shared/tick.ts';
import { formatNumber } from '../../lib/format.ts';
import type { HostI18n } from '../i18n/index.ts';

export type RuleRow = { reason: QualityReason; name: string; measure: string; fair: string; poor: string };

const line = (value: number, unit: '%' | 'ms' | null, locale: string): string =>
  `> ${formatNumber(value, locale)}${unit === '%' ? '%' : unit ? ` ${unit}` : ''}`;

/** In the rules' priority order: when two measures are over their lines, the first one is named as the reason. */
export function qualityRuleRows(i18n: HostI18n): RuleRow[] {
  const loc = i18n.locale;
  return QUALITY_RULES.map((rule) => {
    const yesNo = rule.unit === null;
    let poor = yesNo ? i18n.t('qrules.any') : line(rule.poor, rule.unit, loc);
    if (rule.reason === 'freeze')
      poor += ` ${i18n.t('qrules.longFreeze', { s: formatNumber(LONG_FREEZE_MS / 1000, loc) })}`;
    return {
      reason: rule.reason,
      name: i18n.t(`reason.${rule.reason}`),
      measure: i18n.t(`qrules.m.${rule.reason}`),
      fair: yesNo ? '—' : line(rule.fair, rule.unit, loc),
      poor,
    };
  });
}

/** What puts a viewer in `band`, in one sentence (the legend's and the KPI tile's tooltip). */
export const bandRule = (i18n: HostI18n, band: QualityBand): string => i18n.t(`qrules.${band}`);
