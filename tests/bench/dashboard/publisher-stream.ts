/**
 * @module The broadcaster's upload in the replay (pure, recording time): one publisher sending an AV1 screen share
 * from the show's start, a `publisher:status` every second (the dashboard's Upload panel and its sparkline), with
 * the encoder held back by the CPU for 40 s of every 10 minutes, as the demo's simulated broadcaster is.
 */
import type { PublisherStatus, UploadPoint } from '../../../shared/publisher-status.ts';
import type { ReplayStream } from './stream.ts';

const CPU_EVERY_MS = 600_000;
const CPU_FOR_MS = 40_000;

/** The upload's second `t` (recording time, a whole second from `startMs`), shifted by `shift`. */
export function uploadPoint(s: ReplayStream, t: number, shift: number): UploadPoint {
  const cpu = (t - s.startMs) % CPU_EVERY_MS < CPU_FOR_MS;
  const wave = Math.sin((t - s.startMs) / 7_000) * 120;
  return {
    t: t + shift,
    kbps: Math.round((cpu ? 1_400 : 2_450) + wave),
    fps: cpu ? 18 : 30,
    lossPct: Math.round((0.1 + Math.abs(Math.sin(t / 13_000)) * 0.3) * 100) / 100,
    rttMs: Math.round(22 + Math.abs(wave) / 20),
    band: cpu ? 'fair' : 'good',
    limitation: cpu ? 'cpu' : 'none',
  };
}

/** Every second of the upload from the show's start up to `at`, oldest first. */
export function uploadPoints(s: ReplayStream, at: number, shift: number): UploadPoint[] {
  const out: UploadPoint[] = [];
  for (let t = s.startMs; t <= at; t += 1_000) out.push(uploadPoint(s, t, shift));
  return out;
}

export function publisherStatus(s: ReplayStream, at: number, shift: number): PublisherStatus {
  const t = Math.floor(at / 1_000) * 1_000;
  const point = uploadPoint(s, t, shift);
  const cpu = point.limitation === 'cpu';
  return {
    eventId: s.eventId,
    phase: 'live',
    t: t + shift,
    state: 'live',
    publishers: 1,
    since: s.startMs - 120_000 + shift,
    lastSampleAt: t - 400 + shift,
    stalledSec: 0,
    band: point.band,
    reasons: cpu ? ['cpu', 'low-fps'] : [],
    reading: {
      videoKbps: (point.kbps ?? 0) - 64,
      audioKbps: 64,
      targetKbps: cpu ? 1_500 : 2_500,
      availableKbps: 6_000,
      fps: point.fps,
      captureFps: 30,
      width: cpu ? 1280 : 1920,
      height: cpu ? 720 : 1080,
      captureWidth: 1920,
      captureHeight: 1080,
      codec: 'AV1',
      encoder: 'libaom',
      limitation: point.limitation,
      limitedSec: cpu ? Math.floor(((t - s.startMs) % CPU_EVERY_MS) / 1_000) : 0,
      lossPct: point.lossPct,
      rttMs: point.rttMs,
      jitterMs: 3,
      retransmitPct: 0.4,
      nackPerMin: 6,
      pliPerMin: 0,
      peerState: 'connected',
    },
    point,
  };
}
