/**
 * @module The broadcaster's upload as the host sees it: `publisher:status` (pushed to the event's dashboards every
 * second while a publisher reports), the one-second points of its history, and the REST view of both. Built by
 * server/publisher/ from the publisher's samples; the band rules are in docs/publisher.md.
 */
import type { Phase } from './event.ts';
import type { Limitation } from './publisher-sample.ts';
import type { QualityBand } from './tick.ts';

/**
 * Why the upload is not Good, worst first: `stalled` (no video leaving), `not-connected` (the peer connection is
 * down), `loss` (Sora reports lost packets), `cpu` / `bandwidth` (the encoder is held back), `low-fps` (fewer frames
 * encoded than captured), `rtt` (round trip to Sora).
 */
export const UPLOAD_REASONS = ['stalled', 'not-connected', 'loss', 'cpu', 'bandwidth', 'low-fps', 'rtt'] as const;
export type UploadReason = (typeof UPLOAD_REASONS)[number];

/**
 * `none`: no publisher has reported in this phase; `live`: one reports; `stale`: the one that reported has been
 * silent for `PUBLISHER_STALE_MS` (its page or network is gone); `stopped`: it stopped on purpose.
 */
export const PUBLISHER_STATES = ['none', 'live', 'stale', 'stopped'] as const;
export type PublisherState = (typeof PUBLISHER_STATES)[number];

/** The upload over the last few seconds. Rates are null until two samples exist; absent stats stay null. */
export type UploadReading = {
  /** Payload bitrates, kbit/s. */
  videoKbps: number | null;
  audioKbps: number | null;
  /** The encoder's target (`targetBitrate`) and the sender's bandwidth estimate (`availableOutgoingBitrate`), kbit/s. */
  targetKbps: number | null;
  availableKbps: number | null;
  /** Frames encoded per second, and captured per second (the media source: what the encoder could have had). */
  fps: number | null;
  captureFps: number | null;
  /** Encoded and captured resolution, px. */
  width: number | null;
  height: number | null;
  captureWidth: number | null;
  captureHeight: number | null;
  codec: string | null;
  encoder: string | null;
  /** What held the encoder back most of the last seconds, and for how long without a break (s). */
  limitation: Limitation | null;
  limitedSec: number;
  /** Video packets Sora reported lost, percent of those sent (last 10 s). */
  lossPct: number | null;
  /** Round trip to Sora (receiver reports, else the candidate pair), ms; jitter Sora measured, ms. */
  rttMs: number | null;
  jitterMs: number | null;
  /** Retransmitted share of the video bytes sent, percent. */
  retransmitPct: number | null;
  /** NACKs and picture loss indications from Sora, per minute. */
  nackPerMin: number | null;
  pliPerMin: number | null;
  /** The publisher's `pc.connectionState`. */
  peerState: string | null;
};

export type PublisherStatus = {
  eventId: string;
  phase: Phase;
  /** Server time the status was built, ms since epoch. */
  t: number;
  state: PublisherState;
  /** Publishers that reported in the last `PUBLISHER_STALE_MS` (the status shows the newest). */
  publishers: number;
  /** The shown publisher's first and last sample, server time (null before any). */
  since: number | null;
  lastSampleAt: number | null;
  /** Seconds since video bytes last left (0 while they flow); null when no publisher is expected to send. */
  stalledSec: number | null;
  /** Null while nobody reports (state `none` or `stopped`). */
  band: QualityBand | null;
  /** Worst first; empty when Good. */
  reasons: UploadReason[];
  reading: UploadReading | null;
  /** The newest point of the phase's history (dashboards append it to their sparkline). */
  point: UploadPoint | null;
};

/** One second of the upload, for the dashboard's sparkline and the REST history. */
export type UploadPoint = {
  t: number;
  /** Video + audio payload, kbit/s. */
  kbps: number | null;
  fps: number | null;
  lossPct: number | null;
  rttMs: number | null;
  band: QualityBand | null;
  limitation: Limitation | null;
};

/** The ack of `publisher:sample`: the highest stored seq of this publisher, and the status the host sees now. */
export type PublisherAck = { ackSeq: number; status: PublisherStatus };

/** `GET /api/events/:id/publisher?phase=`: the status now and the points of the phase, oldest first. */
export type PublisherView = { status: PublisherStatus; points: UploadPoint[] };
