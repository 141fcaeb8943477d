/**
 * @module One viewer's stored 10 s history as small charts, shared by the live viewer drawer and the report's
 * session drawer: each chart keyed, titled, with its series, value format and gap step (a missing 10 s bucket is a
 * gap in the line). Callers pick which charts and in which order.
 */
import { HISTORY_BUCKET_MS } from '../../../../shared/limits.ts';
import type { HistoryRow } from '../../../../shared/viewer.ts';
import type { ValueFormat } from '../../lib/format.ts';
import type { ChartSeries } from '../../lib/line-chart.svelte.ts';
import type { HostI18n } from '../i18n/index.ts';

export type HistoryChartKey = 'kbps' | 'fps' | 'loss' | 'delay' | 'freezes' | 'height';
export type HistoryChart = {
  key: HistoryChartKey;
  title: string;
  series: ChartSeries[];
  format: ValueFormat;
  /** Rows are one per 10 s bucket: a longer step is a gap. */
  gapMs: number;
};

const pts = (rows: readonly HistoryRow[], f: (r: HistoryRow) => number | null) =>
  rows.map((r) => ({ x: r.t, y: f(r) }));

export function historyCharts(
  rows: readonly HistoryRow[],
  i18n: HostI18n,
  keys: readonly HistoryChartKey[],
): HistoryChart[] {
  const loc = i18n.locale;
  const all: Record<HistoryChartKey, () => Omit<HistoryChart, 'key' | 'gapMs'>> = {
    kbps: () => ({
      title: i18n.t('col.bitrate'),
      series: [{ label: i18n.t('col.bitrate'), color: '--accent', points: pts(rows, (r) => r.kbps), width: 2 }],
      format: { kind: 'bitrate', locale: loc },
    }),
    fps: () => ({
      title: i18n.t('metric.fps'),
      series: [{ label: i18n.t('metric.fps'), color: '--c-violet', points: pts(rows, (r) => r.fps) }],
      format: { kind: 'fps', locale: loc },
    }),
    loss: () => ({
      title: i18n.t('metric.loss'),
      series: [{ label: i18n.t('metric.loss'), color: '--c-rose', points: pts(rows, (r) => r.lossPct) }],
      format: { kind: 'percent', locale: loc, digits: 1 },
    }),
    delay: () => ({
      title: `${i18n.t('metric.rtt')} · ${i18n.t('metric.jitterBuffer')}`,
      format: { kind: 'ms', locale: loc },
      series: [
        { label: i18n.t('col.rtt'), color: '--c-teal', points: pts(rows, (r) => r.rttMs) },
        { label: i18n.t('col.jitterBuffer'), color: '--c-amber', points: pts(rows, (r) => r.jitterBufferMs) },
      ],
    }),
    freezes: () => ({
      title: i18n.t('reason.freeze'),
      series: [
        { label: i18n.t('reason.freeze'), color: '--poor', points: pts(rows, (r) => r.freezeMs), fill: 'origin' },
      ],
      format: { kind: 'ms', locale: loc },
    }),
    height: () => ({
      title: i18n.t('col.resolution'),
      series: [{ label: i18n.t('col.resolution'), color: '--c-green', points: pts(rows, (r) => r.height) }],
      format: { kind: 'height' },
    }),
  };
  return keys.map((key) => ({ key, ...all[key](), gapMs: HISTORY_BUCKET_MS }));
}
