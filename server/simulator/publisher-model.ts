/**
 * @module A simulated broadcaster's sending peer connection (pure, seeded): what Chromium's getStats would report for a
 * 1280×720 AV1 screen share with Opus audio — outbound-rtp, media-source, Sora's remote-inbound-rtp, the candidate
 * pair — second by second along a scenario in which the upload degrades and recovers. The demo feeds these reports
 * to the real publisher collector (client/src/collector/publisher-collector.ts), as a browser would.
 */
import type { Limitation } from '../../shared/publisher-sample.ts';
import type { Rng } from './prng.ts';

/** What the upload is doing during one stretch of the scenario. */
export type UploadCondition = {
  name: string;
  kbps: number;
  /** Frames encoded per second, and captured. */
  fps: number;
  captureFps: number;
  lossPct: number;
  rttMs: number;
  limitation: Limitation;
};

const HEALTHY: UploadCondition = {
  name: 'healthy',
  kbps: 2_400,
  fps: 30,
  captureFps: 30,
  lossPct: 0.1,
  rttMs: 18,
  limitation: 'none',
};

/**
 * The demo's ten-minute loop: three healthy minutes, 80 s of an encoder short of CPU (frames dropped), a healthy
 * stretch, 80 s of a congested uplink (loss, the bitrate squeezed), then healthy again. Each raises its alerts.
 */
export const DEMO_UPLOAD_SCENARIO: ReadonlyArray<readonly [fromSec: number, condition: UploadCondition]> = [
  [0, HEALTHY],
  [180, { ...HEALTHY, name: 'cpu', kbps: 1_700, fps: 13, limitation: 'cpu' }],
  [260, HEALTHY],
  [400, { ...HEALTHY, name: 'congested', kbps: 650, fps: 22, lossPct: 7, rttMs: 190, limitation: 'bandwidth' }],
  [480, HEALTHY],
];
export const DEMO_UPLOAD_PERIOD_SEC = 600;

/** The condition `elapsedMs` into a scenario that repeats every `periodSec`. */
export function conditionAt(
  elapsedMs: number,
  scenario = DEMO_UPLOAD_SCENARIO,
  periodSec = DEMO_UPLOAD_PERIOD_SEC,
): UploadCondition {
  const sec = Math.floor(elapsedMs / 1000) % periodSec;
  let current = scenario[0]?.[1] ?? HEALTHY;
  for (const [from, condition] of scenario) if (sec >= from) current = condition;
  return current;
}

export type PublisherModel = {
  /** One getStats report at `now`: the counters advanced by the time since the previous report. */
  report(now: number): Array<Record<string, unknown>>;
};

export function createPublisherModel(
  rng: Rng,
  start: number,
  condition = (ms: number) => conditionAt(ms),
): PublisherModel {
  const c = { vBytes: 0, vPackets: 0, frames: 0, lost: 0, rtxBytes: 0, nacks: 0, aBytes: 0, aPackets: 0 };
  const held = { none: 0, cpu: 0, bandwidth: 0, other: 0 };
  let last = start;
  return {
    report(now) {
      const dt = Math.max(0, (now - last) / 1000);
      last = now;
      const x = condition(now - start);
      const jitter = (v: number, sd: number) => Math.max(0, rng.normal(v, v * sd));
      const kbps = jitter(x.kbps, 0.06);
      const packets = Math.round(((kbps * 1000) / 8 / 1100) * dt);
      const lost = Math.round(packets * (jitter(x.lossPct, 0.3) / 100));
      c.vBytes += Math.round(((kbps * 1000) / 8) * dt);
      c.vPackets += packets;
      c.frames += Math.round(jitter(x.fps, 0.05) * dt);
      c.lost += lost;
      c.nacks += lost;
      c.rtxBytes += lost * 1100;
      c.aBytes += Math.round(4_000 * dt);
      c.aPackets += Math.round(50 * dt);
      held[x.limitation] += dt;
      const rtt = jitter(x.rttMs, 0.1) / 1000;
      return [
        { id: 'T01', type: 'transport', timestamp: now, selectedCandidatePairId: 'CP1' },
        {
          id: 'CP1',
          type: 'candidate-pair',
          timestamp: now,
          state: 'succeeded',
          nominated: true,
          currentRoundTripTime: rtt,
          availableOutgoingBitrate: Math.round(x.limitation === 'bandwidth' ? kbps * 1100 : 5_000_000),
          localCandidateId: 'L1',
          remoteCandidateId: 'R1',
        },
        { id: 'L1', type: 'local-candidate', candidateType: 'srflx', protocol: 'udp' },
        { id: 'R1', type: 'remote-candidate', candidateType: 'host', protocol: 'udp' },
        { id: 'CV', type: 'codec', mimeType: 'video/AV1' },
        { id: 'CA', type: 'codec', mimeType: 'audio/opus' },
        { id: 'SV', type: 'media-source', kind: 'video', width: 1280, height: 720, framesPerSecond: x.captureFps },
        {
          id: 'OV',
          type: 'outbound-rtp',
          kind: 'video',
          ssrc: 1001,
          timestamp: now,
          codecId: 'CV',
          mediaSourceId: 'SV',
          remoteId: 'RV',
          transportId: 'T01',
          bytesSent: c.vBytes,
          packetsSent: c.vPackets,
          retransmittedBytesSent: c.rtxBytes,
          retransmittedPacketsSent: c.nacks,
          framesEncoded: c.frames,
          framesPerSecond: Math.round(x.fps),
          frameWidth: 1280,
          frameHeight: 720,
          targetBitrate: Math.round(x.kbps * 1000 * 1.05),
          encoderImplementation: 'libaom',
          powerEfficientEncoder: false,
          qualityLimitationReason: x.limitation,
          qualityLimitationDurations: { ...held },
          nackCount: c.nacks,
          pliCount: 0,
          firCount: 0,
        },
        {
          id: 'RV',
          type: 'remote-inbound-rtp',
          kind: 'video',
          ssrc: 1001,
          packetsLost: c.lost,
          jitter: 0.004,
          roundTripTime: rtt,
        },
        {
          id: 'OA',
          type: 'outbound-rtp',
          kind: 'audio',
          ssrc: 1002,
          timestamp: now,
          codecId: 'CA',
          remoteId: 'RA',
          bytesSent: c.aBytes,
          packetsSent: c.aPackets,
        },
        {
          id: 'RA',
          type: 'remote-inbound-rtp',
          kind: 'audio',
          ssrc: 1002,
          packetsLost: 0,
          jitter: 0.002,
          roundTripTime: rtt,
        },
      ];
    },
  };
}
