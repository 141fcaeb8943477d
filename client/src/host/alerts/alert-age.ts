/** @module How long an alert has been up, in the dashboard's language (pure): "45 s", "22 min", "1 h 05 min" / "22 分". */
import type { HostI18n } from '../i18n/index.ts';

export function alertAge(i18n: HostI18n, ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return i18n.t('alerts.ageS', { n: s });
  const min = Math.floor(s / 60);
  if (min < 60) return i18n.t('alerts.ageMin', { n: min });
  return i18n.t('alerts.ageH', { h: Math.floor(min / 60), m: String(min % 60).padStart(2, '0') });
}
