/**
 * @module The upload's band (pure): Good, Fair or Poor by its worst dimension, with every dimension that is not Good
 * as a reason, worst first. Thresholds and why: docs/publisher.md. Viewers are graded by shared/quality.ts; this is
 * the one stream all of them depend on, so a stall or a sustained limitation is Poor at once.
 */
import type { UploadReading, UploadReason } from '../../shared/publisher-status.ts';
import type { QualityBand } from '../../shared/tick.ts';

export const UPLOAD_THRESHOLDS = {
  /** Seconds without video leaving: Poor (the viewers' pictures stop). */
  stalledSec: 5,
  /** Video packets Sora reports lost, percent. */
  loss: { fair: 2, poor: 8 },
  /** Seconds the encoder has been held back by CPU or bandwidth without a break. */
  limitedSec: { fair: 5, poor: 20 },
  /** Frames encoded per frame captured; judged only while the capture delivers this many frames per second. */
  fpsRatio: { fair: 0.8, poor: 0.5, minCaptureFps: 5 },
  /** Round trip to Sora, ms. */
  rttMs: { fair: 250, poor: 500 },
} as const;

const DOWN_STATES = new Set(['disconnected', 'failed', 'closed']);

export type UploadGrade = { band: QualityBand; reasons: UploadReason[] };

/** The band of a reporting publisher's upload. `stalledSec`: seconds since video bytes last left. */
export function gradeUpload(reading: UploadReading, stalledSec: number): UploadGrade {
  const poor: UploadReason[] = [];
  const fair: UploadReason[] = [];
  const judge = (reason: UploadReason, value: number | null, limits: { fair: number; poor: number }) => {
    if (value === null) return;
    if (value >= limits.poor) poor.push(reason);
    else if (value >= limits.fair) fair.push(reason);
  };
  const T = UPLOAD_THRESHOLDS;
  if (stalledSec >= T.stalledSec) poor.push('stalled');
  if (reading.peerState !== null && DOWN_STATES.has(reading.peerState)) poor.push('not-connected');
  judge('loss', reading.lossPct, T.loss);
  if (reading.limitation === 'cpu' || reading.limitation === 'bandwidth')
    judge(reading.limitation, reading.limitedSec, T.limitedSec);
  const { fps, captureFps } = reading;
  if (fps !== null && captureFps !== null && captureFps >= T.fpsRatio.minCaptureFps) {
    // Lower is worse: compare the shortfall (1 − ratio) against the shortfall limits.
    const shortfall = 1 - Math.min(1, fps / captureFps);
    judge('low-fps', shortfall, { fair: 1 - T.fpsRatio.fair, poor: 1 - T.fpsRatio.poor });
  }
  judge('rtt', reading.rttMs, T.rttMs);
  const band: QualityBand = poor.length > 0 ? 'poor' : fair.length > 0 ? 'fair' : 'good';
  return { band, reasons: [...poor, ...fair] };
}
