/**
 * @module The key numbers as tiles (pure): viewers by state (failed now, beside the phase's failure reports),
 * sessions that ended (apart from failures), Sora's count, peak, quality, bitrate, TTFF; a still view's watching
 * tile says when its numbers were taken. KpiStrip.svelte draws them.
 */
import { QUALITY_BANDS, type Tick } from '../../../../shared/tick.ts';
import {
  bitrateParts,
  formatBitrate,
  formatClock,
  formatCompact,
  formatInt,
  formatMs,
  msParts,
  percentParts,
  type Parts,
} from '../../lib/format.ts';
import { endedTotal, endingParts, failureTotal, type Endings } from '../endings.ts';
import type { HostI18n } from '../i18n/index.ts';
import { bandRule } from '../quality/quality-rules.ts';

export type Tile = {
  key: string;
  label: string;
  main: Parts;
  sub?: string;
  subTestid?: string;
  title?: string;
  tone?: 'accent' | 'good' | 'fair' | 'poor';
};

/** `still`: a phase that is not current; its latest tick is where it stopped. */
export function kpiTiles(i18n: HostI18n, latest: Tick | null, endings: Endings, still: boolean): Tile[] {
  const count = (n: number | null | undefined): Parts => ({ value: formatInt(n, i18n.locale), unit: '' });
  const v = latest?.viewers;
  const bands = latest?.bands;
  const graded = bands ? bands.good + bands.fair + bands.poor : 0;
  const goodPct = graded > 0 && bands ? (100 * bands.good) / graded : null;
  const gap = v?.sfuGap ?? null;
  const all = endingParts(endings);
  const parts = all.map((p) => `${i18n.t(`ending.${p.key}`)} ${formatInt(p.n, i18n.locale)}`).join(' · ');
  // The tile is narrow: the two biggest endings in short words; all of them in the tooltip and the failures panel.
  const short = [...all]
    .sort((a, b) => b.n - a.n)
    .slice(0, 2)
    .map((p) => i18n.t('kpi.endingPart', { n: formatInt(p.n, i18n.locale), label: i18n.t(`ending.short.${p.key}`) }))
    .join(' · ');
  return [
    {
      key: 'watching',
      label: i18n.t('kpi.watching'),
      main: count(v?.watching),
      tone: 'accent',
      sub: still && latest ? i18n.t('kpi.atTime', { time: formatClock(latest.t) }) : undefined,
      subTestid: 'kpi-watching-at',
    },
    { key: 'joining', label: i18n.t('kpi.joining'), main: count(v?.joining) },
    {
      // Viewers stuck in a failure right now, apart from the phase's failure reports (a retrying viewer sends many).
      key: 'failed',
      label: i18n.t('kpi.failed'),
      main: count(v?.failed),
      tone: (v?.failed ?? 0) > 0 ? 'poor' : undefined,
      sub: i18n.t('kpi.failedPhase', { n: formatInt(failureTotal(latest), i18n.locale) }),
      subTestid: 'kpi-failed-phase',
      title: i18n.t('kpi.failedHelp'),
    },
    {
      key: 'ended',
      label: i18n.t('kpi.ended'),
      main: count(endedTotal(endings)),
      sub: short || i18n.t('kpi.endedNone'),
      subTestid: 'endings-sub',
      title: `${i18n.t('kpi.ended')}: ${parts || i18n.t('kpi.endedNone')}. ${i18n.t('endings.help')}`,
    },
    {
      key: 'sfu',
      label: i18n.t('kpi.sfu'),
      main: count(v?.sfu),
      sub:
        v?.sfu === null || v?.sfu === undefined
          ? i18n.t('kpi.sfuUnknown')
          : i18n.t('kpi.sfuGap', { n: formatInt(gap, i18n.locale) }),
      subTestid: 'viewers-sfu-gap',
    },
    { key: 'peak', label: i18n.t('kpi.peak'), main: count(v?.peak) },
    {
      key: 'good',
      label: i18n.t('kpi.good'),
      main: percentParts(goodPct, i18n.locale, 0),
      sub: i18n.t('kpi.ofViewers', { n: formatCompact(graded, i18n.locale) }),
      title: [
        i18n.t('kpi.ofViewers', { n: formatInt(graded, i18n.locale) }),
        ...QUALITY_BANDS.map((b) => bandRule(i18n, b)),
      ].join('\n'),
      tone: goodPct === null ? undefined : goodPct >= 90 ? 'good' : goodPct >= 75 ? 'fair' : 'poor',
    },
    {
      key: 'bitrate',
      label: i18n.t('kpi.bitrate'),
      main: bitrateParts(latest?.bitrateKbps?.p50, i18n.locale),
      sub: `p10 ${formatBitrate(latest?.bitrateKbps?.p10, i18n.locale)}`,
    },
    {
      key: 'ttff',
      label: i18n.t('kpi.ttff'),
      main: msParts(latest?.ttffMs?.p50, i18n.locale),
      sub: i18n.t('kpi.p90', { v: formatMs(latest?.ttffMs?.p90, i18n.locale) }),
    },
  ];
}
