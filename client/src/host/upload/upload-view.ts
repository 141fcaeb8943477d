/**
 * @module What the Upload panel and the publisher page say about a status (pure): the headline (band, or why there
 * is none), each reason as a sentence with its number, and what to do about it; the sparkline's points.
 */
import type { PublisherStatus, UploadPoint, UploadReason } from '../../../../shared/publisher-status.ts';
import { packedPoints } from '../../lib/chart-points.ts';
import { formatBitrate, formatFps, formatMs, formatPercent } from '../../lib/format.ts';
import { steppedAge } from '../age-text.ts';
import type { HostI18n } from '../i18n/index.ts';

export type Tone = 'good' | 'fair' | 'poor' | 'none';
export type Headline = { label: string; tone: Tone };

export function headline(i18n: HostI18n, status: PublisherStatus | null): Headline {
  if (!status || status.state === 'none') return { label: i18n.t('upload.state.none'), tone: 'none' };
  if (status.state === 'stopped') return { label: i18n.t('upload.state.stopped'), tone: 'none' };
  if (status.state === 'stale') return { label: i18n.t('upload.state.stale'), tone: 'poor' };
  const band = status.band ?? 'good';
  return { label: i18n.t(`band.${band}`), tone: band };
}

/** "Encoder short of CPU for 30 s", with the status's own numbers (a limitation's seconds by tens: steppedAge). */
export function reasonText(i18n: HostI18n, reason: UploadReason, status: PublisherStatus): string {
  const r = status.reading;
  const locale = i18n.locale;
  switch (reason) {
    case 'stalled':
      return i18n.t('upload.reason.stalled', { sec: status.stalledSec ?? 0 });
    case 'loss':
      return i18n.t('upload.reason.loss', { pct: formatPercent(r?.lossPct, locale) });
    case 'cpu':
    case 'bandwidth':
      return i18n.t(`upload.reason.${reason}`, { span: steppedAge(i18n, r?.limitedSec ?? 0) });
    case 'low-fps':
      return i18n.t('upload.reason.low-fps', {
        fps: formatFps(r?.fps, locale),
        capture: formatFps(r?.captureFps, locale),
      });
    case 'rtt':
      return i18n.t('upload.reason.rtt', { ms: formatMs(r?.rttMs, locale) });
    case 'not-connected':
      return i18n.t('upload.reason.not-connected');
  }
}

/**
 * What holds the encoder back, "CPU · 3 s"; once a reason below says it ("Encoder short of CPU for 8 s"), only "CPU":
 * one count of the same seconds on screen, not two.
 */
export function limitationText(i18n: HostI18n, status: PublisherStatus | null): string {
  const r = status?.reading;
  if (!r?.limitation) return '–';
  const name = i18n.t(`upload.limitation.${r.limitation}`);
  const told = status?.state === 'live' && status.reasons.some((reason) => reason === r.limitation);
  return r.limitation === 'none' || told
    ? name
    : i18n.t('upload.limitedFor', { reason: name, span: steppedAge(i18n, r.limitedSec) });
}

export const fixText = (i18n: HostI18n, reason: UploadReason): string => i18n.t(`upload.fix.${reason}`);

/** Video + audio payload, formatted. */
export function sendingText(status: PublisherStatus, locale: string): string {
  const r = status.reading;
  const kbps = r?.videoKbps == null ? null : r.videoKbps + (r.audioKbps ?? 0);
  return formatBitrate(kbps, locale);
}

/** `1280×720`, or null when unknown. */
export const size = (w: number | null | undefined, h: number | null | undefined): string | null =>
  w != null && h != null ? `${w}×${h}` : null;

/** The sparkline's points: the bitrate from `start` on, packed (they are taken again every second). */
export function sparkPoints(points: readonly UploadPoint[], start: number): Float64Array {
  const from = points.findIndex((p) => p.t >= start);
  const n = from < 0 ? 0 : points.length - from;
  return packedPoints(
    n,
    (i) => (points[from + i] as UploadPoint).t,
    (i) => (points[from + i] as UploadPoint).kbps,
  );
}
