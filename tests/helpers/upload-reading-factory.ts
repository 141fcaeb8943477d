/** @module A publisher's upload reading for tests: a healthy AV1 upload at 2 Mbps, with the fields a test sets. */
import type { UploadReading } from '../../shared/publisher-status.ts';

export const makeUploadReading = (extra: Partial<UploadReading> = {}): UploadReading => ({
  videoKbps: 2000,
  audioKbps: 32,
  targetKbps: 2500,
  availableKbps: 5000,
  fps: 30,
  captureFps: 30,
  width: 1280,
  height: 720,
  captureWidth: 1280,
  captureHeight: 720,
  codec: 'AV1',
  encoder: 'libaom',
  limitation: 'none',
  limitedSec: 0,
  lossPct: 0,
  rttMs: 20,
  jitterMs: 2,
  retransmitPct: 0,
  nackPerMin: 0,
  pliPerMin: 0,
  peerState: 'connected',
  ...extra,
});
