/**
 * @module Magnitudes of real getStats values, taken from the recorded Chromium 156 run
 * (tests/fixtures/getstats/chromium-156-loopback-av1-vp8.json; tests/unit/server/simulator/fixture-profile.test.ts
 * recomputes every measured number here from that file). The sample model scales these to network conditions.
 */

export const SIM_VIDEO_CODECS = ['AV1', 'VP9', 'VP8', 'H264'] as const;
export type SimVideoCodec = (typeof SIM_VIDEO_CODECS)[number];

export type VideoCodecProfile = {
  /** Payload bytes per RTP packet (`bytesReceived / packetsReceived`). */
  bytesPerPacket: number;
  /** Average QP per decoded frame (`qpSum / framesDecoded`; the codec's own QP scale). */
  qpPerFrame: number;
  /** `totalDecodeTime / framesDecoded`, ms. */
  decodeMsPerFrame: number;
  /** `jitterBufferDelay / jitterBufferEmittedCount` on loopback, ms: the floor that network jitter adds to. */
  jitterBufferMsPerFrame: number;
  /** `decoderImplementation` when Chrome exposes it (only with an active capture, reference §2.9). */
  decoder: string;
};

/**
 * AV1 and VP8 per-frame numbers are from the two full viewer reports; QP for all four codecs is the codec matrix's
 * `avgQpLastSecond` (no capture); VP9 and H.264 have no full report, so they borrow VP8's packet size and timings.
 */
export const VIDEO_PROFILES: Readonly<Record<SimVideoCodec, VideoCodecProfile>> = {
  AV1: {
    bytesPerPacket: 827,
    qpPerFrame: 107.6,
    decodeMsPerFrame: 2.7,
    jitterBufferMsPerFrame: 14.5,
    decoder: 'dav1d',
  },
  VP9: {
    bytesPerPacket: 1084,
    qpPerFrame: 120,
    decodeMsPerFrame: 1.87,
    jitterBufferMsPerFrame: 9.9,
    decoder: 'libvpx',
  },
  VP8: {
    bytesPerPacket: 1084,
    qpPerFrame: 33.3,
    decodeMsPerFrame: 1.87,
    jitterBufferMsPerFrame: 9.9,
    decoder: 'libvpx',
  },
  H264: {
    bytesPerPacket: 1084,
    qpPerFrame: 30.8,
    decodeMsPerFrame: 1.87,
    jitterBufferMsPerFrame: 9.9,
    decoder: 'FFmpeg',
  },
};

/** Opus as Chromium received it in both runs. */
export const AUDIO_PROFILE = {
  codec: 'OPUS',
  /** `totalSamplesReceived / totalSamplesDuration`. */
  sampleRate: 48_000,
  /** 20 ms frames. */
  packetsPerSecond: 50,
  /** Payload bytes per packet: 56 (AV1 run) and 81 (VP8 run); the model draws between them. */
  bytesPerPacketMin: 56,
  bytesPerPacketMax: 81,
  /** Average jitter-buffer delay per emitted sample on loopback, s (AV1 run 0.0886, VP8 run 0.0663). */
  jitterBufferS: 0.0886,
  /** Concealed samples and concealment events accumulated while the stream started (AV1 run). */
  startupConcealedSamples: 4_586,
  startupConcealmentEvents: 4,
} as const;

/** Frame rates the recorded senders produced (codec matrix and per-second log: 14–31 fps). */
export const RECORDED_FPS = { min: 14, max: 31 } as const;

/** Loopback round-trip time in both runs, s; real viewers add their network's RTT to it. */
export const LOOPBACK_RTT_S = 0.003;

/** Relay protocols seen with coturn (`relayCandidates_loopbackCoturn`). */
export const RELAY_PROTOCOLS = ['udp', 'tcp'] as const;
