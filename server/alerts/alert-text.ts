/**
 * @module One line of plain text per alert notice, for webhooks (pure). English and Japanese together, since the server
 * does not know the host's language; the dashboard shows the same notice localized.
 */
import {
  ALERT_METRIC_UNITS,
  DEFAULT_WINDOW_SEC,
  type AlertAction,
  type AlertMetric,
  type AlertNotice,
} from '../../shared/alert.ts';

const METRIC: Record<AlertMetric, string> = {
  'poor-share': 'Viewers with Poor quality',
  'low-bitrate-share': 'Viewers under {kbps} kbps',
  'bitrate-p10': 'Bitrate p10',
  'bitrate-p50': 'Median bitrate',
  'loss-p90': 'Packet loss p90',
  'rtt-p90': 'RTT p90',
  'jitter-buffer-p90': 'Jitter buffer p90',
  'freezes-p90': 'Freezes p90',
  'failure-rate': 'Join failures',
  'join-failure-share': 'Join failures, share of join attempts',
  'drop-share': 'Viewers dropped, share of the audience',
  'no-media-share': 'Connected without picture, share of join attempts',
  'sfu-gap': 'Viewers Sora sees without telemetry',
  'sfu-gap-share': 'Viewers Sora sees without telemetry, share of Sora’s count',
  'upload-stalled': 'Broadcaster’s upload stalled (no video leaving)',
  'upload-cpu-limited': 'Broadcaster’s upload held back by CPU',
  'upload-bandwidth-limited': 'Broadcaster’s upload held back by bandwidth',
  'upload-loss': 'Broadcaster’s upload packet loss (reported by Sora)',
};

const ACTION: Record<AlertAction, string> = {
  'check-uplink': 'Check the broadcaster’s upload bandwidth and network.',
  'lower-bitrate': 'Lower the encoder bitrate or resolution.',
  'check-encoder': 'Check the encoder: CPU load, bitrate setting, screen-share source.',
  'check-sora': 'Check Sora: server status, channel ID, signaling URL, capacity.',
  'check-viewer-network': 'Many viewers have a poor connection; consider a lower bitrate.',
  'check-collector': 'Some viewers send no telemetry: check the watch page and ad blockers.',
  'read-failures': 'Open the failures panel: the largest category and its fix say where to look.',
  'check-broadcaster': 'Check that the broadcaster is live on this channel and Sora forwards it.',
};

function amount(metric: AlertMetric, value: number | null): string {
  if (value === null) return 'no data';
  const unit = ALERT_METRIC_UNITS[metric];
  const n = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

/**
 * E.g. "🔴 Alert raised · Spring launch (live): Join failures, share of join attempts 34% (≥ 20%; 12 in the last 60 s).
 * …"
 */
export function alertText(notice: AlertNotice, eventTitle: string): string {
  const name = METRIC[notice.metric].replace('{kbps}', String(notice.kbps ?? 300));
  const op = notice.direction === 'above' ? '≥' : '≤';
  const counted =
    notice.count != null && notice.windowSec
      ? `; ${notice.count} in the last ${notice.windowSec ?? DEFAULT_WINDOW_SEC} s`
      : '';
  const head = notice.kind === 'raised' ? '🔴 Alert raised / アラート発生' : '🟢 Alert cleared / アラート解除';
  const what = `${name} ${amount(notice.metric, notice.value)} (${op} ${amount(notice.metric, notice.threshold)}${counted})`;
  const todo = notice.kind === 'raised' ? ` ${ACTION[notice.action]}` : '';
  return `${head} · ${eventTitle} (${notice.phase}): ${what}.${todo}`;
}

export const testText = (eventTitle: string): string =>
  `✅ Kansoku test message / テスト送信 · ${eventTitle}: alerts of this event will be posted here.`;
