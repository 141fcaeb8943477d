/**
 * @module Cumulative inbound-rtp counters of one simulated stream (pure). Counters are kept as floats and
 * floored on the way out, so every emitted counter is an integer that never decreases while the SSRC stays.
 */
import type { AudioIn, VideoIn } from '../../shared/stats-sample.ts';
import { AUDIO_PROFILE, VIDEO_PROFILES } from './fixture-profile.ts';
import type { Rng } from './prng.ts';
import type { Persona } from './viewer-persona.ts';

export type VideoCounters = {
  ss: number;
  bytes: number;
  packets: number;
  lost: number;
  frames: number;
  dropped: number;
  keyFrames: number;
  freezes: number;
  /** Total freeze duration, s. */
  freezeS: number;
  /** Jitter-buffer delay sum, s. */
  jbd: number;
  jbe: number;
  qp: number;
  nack: number;
  pli: number;
  /** Total decode time, s. */
  decodeS: number;
};

export type AudioCounters = {
  ss: number;
  bytes: number;
  packets: number;
  lost: number;
  samples: number;
  concealed: number;
  silentConcealed: number;
  concealEvents: number;
  jbd: number;
  jbe: number;
};

/** What the network and player did during one interval. */
export type Interval = {
  dtS: number;
  /** Current video payload bitrate, kbit/s. */
  kbps: number;
  /** Fraction of packets lost in this interval. */
  loss: number;
  /** Packets arrive at all (false during an outage). */
  flowing: boolean;
  /** Video is frozen: frames are not rendered and fewer bytes arrive. */
  frozen: boolean;
};

export const newSsrc = (rng: Rng): number => rng.int(1, 4_294_967_295);

export const newVideo = (rng: Rng): VideoCounters => ({
  ss: newSsrc(rng),
  bytes: 0,
  packets: 0,
  lost: 0,
  frames: 0,
  dropped: 0,
  keyFrames: 0,
  freezes: 0,
  freezeS: 0,
  jbd: 0,
  jbe: 0,
  qp: 0,
  nack: 0,
  pli: 0,
  decodeS: 0,
});

/**
 * A new audio stream carries the concealment Chromium accumulated while it started (AV1 run: 4,586 samples, 4 events).
 */
export function newAudio(rng: Rng): AudioCounters {
  // Concealed samples are part of totalSamplesReceived.
  const concealed = Math.round(AUDIO_PROFILE.startupConcealedSamples * rng.uniform(0.4, 1));
  return {
    ss: newSsrc(rng),
    bytes: 0,
    packets: 0,
    lost: 0,
    samples: concealed,
    concealed,
    silentConcealed: 0,
    concealEvents: rng.int(1, AUDIO_PROFILE.startupConcealmentEvents),
    jbd: 0,
    jbe: 0,
  };
}

/** Jitter-buffer delay per frame, ms: the loopback floor plus what network jitter and retransmissions add. */
export const videoJitterBufferMs = (p: Persona): number =>
  Math.min(
    400,
    VIDEO_PROFILES[p.codec].jitterBufferMsPerFrame + 3 * p.jitterMs + (p.lossRate > 0.01 ? p.rttMs / 2 : 0),
  );

export function advanceVideo(v: VideoCounters, p: Persona, i: Interval, rng: Rng): VideoCounters {
  if (!i.flowing) return v;
  const profile = VIDEO_PROFILES[p.codec];
  const bytes = i.kbps * 125 * i.dtS * (i.frozen ? 0.3 : rng.uniform(0.95, 1.05));
  const sent = bytes / profile.bytesPerPacket;
  const lost = sent * i.loss;
  const frames = i.frozen ? 0 : p.fps * i.dtS * rng.uniform(0.97, 1.01);
  // Lower bitrate than the persona's nominal one means coarser quantisation.
  const qpScale = (p.videoKbps / i.kbps) ** 0.3;
  const jbMs = videoJitterBufferMs(p) * rng.uniform(0.9, 1.1);
  return {
    ...v,
    bytes: v.bytes + bytes * (1 - i.loss),
    packets: v.packets + sent - lost,
    lost: v.lost + lost,
    frames: v.frames + frames,
    dropped: v.dropped + frames * (i.loss > 0.01 ? 0.01 : 0.0005),
    keyFrames: v.keyFrames + (v.frames === 0 || rng.chance(lost * 0.02) ? 1 : 0),
    nack: v.nack + lost * 1.3,
    pli: v.pli + (rng.chance(lost * 0.02) ? 1 : 0),
    jbd: v.jbd + (frames * jbMs) / 1000,
    jbe: v.jbe + frames,
    qp: v.qp + frames * profile.qpPerFrame * qpScale * rng.uniform(0.9, 1.1),
    decodeS: v.decodeS + (frames * profile.decodeMsPerFrame * (p.height / 720)) / 1000,
  };
}

export function advanceAudio(a: AudioCounters, p: Persona, i: Interval, rng: Rng): AudioCounters {
  const samples = AUDIO_PROFILE.sampleRate * i.dtS;
  if (!i.flowing) return a; // Chrome stops counting samples when nothing arrives
  const sent = AUDIO_PROFILE.packetsPerSecond * i.dtS;
  const lost = sent * i.loss;
  const concealed = lost * 960 + samples * p.concealRate * rng.uniform(0.5, 1.5);
  const jbS = AUDIO_PROFILE.jitterBufferS * (1 + p.jitterMs / 40) * rng.uniform(0.95, 1.05);
  return {
    ...a,
    bytes: a.bytes + (sent - lost) * p.audioBytesPerPacket,
    packets: a.packets + sent - lost,
    lost: a.lost + lost,
    samples: a.samples + samples,
    concealed: a.concealed + concealed,
    silentConcealed: a.silentConcealed + concealed * 0.05,
    concealEvents: a.concealEvents + lost * 0.7 + (rng.chance(p.concealRate * 20) ? 1 : 0),
    jbd: a.jbd + samples * jbS,
    jbe: a.jbe + samples,
  };
}

const f = Math.floor;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The wire form; `now` fields (fps, jitter, ms since last packet) are instantaneous, the rest cumulative. */
export function videoIn(
  v: VideoCounters,
  p: Persona,
  now: { fps: number; jitterS: number; lastPacketMs: number },
): VideoIn {
  const frames = f(v.frames);
  const sample: VideoIn = {
    ss: v.ss,
    c: p.codec,
    by: f(v.bytes),
    pr: f(v.packets),
    pl: f(v.lost),
    j: r3(now.jitterS),
    fd: frames,
    frx: frames + f(v.dropped),
    fdr: f(v.dropped),
    kf: f(v.keyFrames),
    w: p.width,
    h: p.height,
    fps: now.fps,
    fz: v.freezes,
    fzd: r3(v.freezeS),
    pa: 0,
    pad: 0,
    jbd: r3(v.jbd),
    jbe: f(v.jbe),
    qp: f(v.qp),
    nk: f(v.nack),
    pli: f(v.pli),
    dt: r3(v.decodeS),
    lp: now.lastPacketMs,
  };
  if (p.showsDecoder) Object.assign(sample, { dec: VIDEO_PROFILES[p.codec].decoder, pe: false });
  return sample;
}

export function audioIn(a: AudioCounters, now: { jitterS: number; lastPacketMs: number }): AudioIn {
  return {
    ss: a.ss,
    c: AUDIO_PROFILE.codec,
    by: f(a.bytes),
    pr: f(a.packets),
    pl: f(a.lost),
    j: r3(now.jitterS),
    tsr: f(a.samples),
    cs: f(a.concealed),
    scs: f(a.silentConcealed),
    ce: f(a.concealEvents),
    jbd: Math.round(a.jbd * 10) / 10,
    jbe: f(a.jbe),
    lp: now.lastPacketMs,
  };
}
