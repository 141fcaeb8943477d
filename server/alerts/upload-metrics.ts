/**
 * @module The alert metrics of the broadcaster's upload (pure): what the publisher feature (server/publisher/) reports
 * of an event phase's upload, and the reading of each upload metric from it. Unlike the audience's metrics they do
 * not wait for watching viewers: the upload matters before the first viewer arrives.
 */
import type { UploadMetric } from '../../shared/alert.ts';
import type { Phase } from '../../shared/event.ts';

/** What alert rules read of an event phase's upload; a value is null when it does not apply right now. */
export type UploadAlertReading = {
  /** Seconds since video bytes last left; null when no publisher reports in this phase, or it stopped on purpose. */
  stalledSec: number | null;
  /** Seconds the encoder has been held back by CPU / by bandwidth without a break (0 when it is not). */
  cpuLimitedSec: number | null;
  bandwidthLimitedSec: number | null;
  /** Video packets Sora reported lost over the last 10 s, percent. */
  lossPct: number | null;
};

/** Where the alerts read the upload from (`FeatureContext.uploads`). */
export type UploadReadings = {
  /** Null when nothing is known of the phase's upload. */
  alertReading(eventId: string, phase: Phase, now: number): UploadAlertReading | null;
};

const FIELD: Record<UploadMetric, keyof UploadAlertReading> = {
  'upload-stalled': 'stalledSec',
  'upload-cpu-limited': 'cpuLimitedSec',
  'upload-bandwidth-limited': 'bandwidthLimitedSec',
  'upload-loss': 'lossPct',
};

/** The metric's value in `reading` (null without one). */
export const uploadValue = (metric: UploadMetric, reading: UploadAlertReading | null): number | null =>
  reading ? reading[FIELD[metric]] : null;
