/**
 * @module One simulated viewer's getStats over time (pure): `nextSample(state, dtMs, rng)` returns the next
 * state and the `StatsSample` a real collector would have sent. Bitrate wanders around the persona's,
 * freezes come and go, loss comes in bursts, the tab is sometimes hidden, and now and then the peer
 * connection is renegotiated (new SSRCs, counters restart from zero).
 */
import type { PEER_STATES, StatsSample } from '../../shared/stats-sample.ts';
import { LOOPBACK_RTT_S } from './fixture-profile.ts';
import {
  advanceAudio,
  advanceVideo,
  audioIn,
  newAudio,
  newVideo,
  videoIn,
  type AudioCounters,
  type VideoCounters,
} from './media-counters.ts';
import type { Rng } from './prng.ts';
import type { Persona } from './viewer-persona.ts';

type PeerState = (typeof PEER_STATES)[number];

export type ModelState = {
  persona: Persona;
  /** seq of the latest sample (0 before the first). */
  seq: number;
  /** Stats timestamp of the latest sample, ms since epoch (fractional, like `performance.timeOrigin + now()`). */
  t: number;
  /** `pc.connectionState` while nothing goes wrong; an outage moves it on by itself (`outagePeerState`). */
  peer: PeerState;
  /** inbound-rtp streams exist (false while connecting, or when connected without media). */
  media: boolean;
  hidden: boolean;
  /** ms since packets stopped arriving; null while they flow. */
  outageMs: number | null;
  /** Current video payload bitrate, kbit/s. */
  kbps: number;
  /** ms of the current freeze still to go (0 when not frozen), and its full length. */
  freezeLeftMs: number;
  freezeLenMs: number;
  video: VideoCounters | null;
  audio: AudioCounters | null;
  pairChanges: number;
};

export type ModelStep = { state: ModelState; sample: StatsSample };

/** Chance per second of a renegotiation that replaces the streams (an ICE restart or a Sora re-offer). */
export const RENEGOTIATE_PER_S = 1 / 3_600;
export const MIN_KBPS = 300;
export const MAX_KBPS = 3_000;

const clamp = (x: number, min: number, max: number): number => Math.min(max, Math.max(min, x));
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** A peer connection that was just created (`connecting`, no streams yet); `t0` is the stats clock in ms. */
export function initialState(persona: Persona, t0: number): ModelState {
  return {
    persona,
    seq: 0,
    t: t0,
    peer: 'connecting',
    media: false,
    hidden: false,
    outageMs: null,
    kbps: persona.videoKbps,
    freezeLeftMs: 0,
    freezeLenMs: 0,
    video: null,
    audio: null,
    pairChanges: 0,
  };
}

/** ICE and DTLS are up; with `media`, inbound-rtp streams appear (new SSRCs, counters from zero). */
export function connect(state: ModelState, rng: Rng, media = true): ModelState {
  return {
    ...state,
    peer: 'connected',
    media,
    outageMs: null,
    freezeLeftMs: 0,
    pairChanges: 1,
    video: media ? newVideo(rng) : null,
    audio: media ? newAudio(rng) : null,
  };
}

/** The peer connection failed or was closed by the page. */
export const setPeer = (state: ModelState, peer: PeerState): ModelState => ({ ...state, peer });

/** Packets stop arriving (network drop, SFU gone); the state machine moves on by itself from here. */
export const beginOutage = (state: ModelState): ModelState =>
  state.outageMs === null ? { ...state, outageMs: 0 } : state;

/**
 * `connectionState` after `ms` without packets, as recorded in Chromium 156 (renderer-crash timeline):
 * last packet → `disconnected` about 8 s later → `failed` about 18 s later.
 */
export function outagePeerState(ms: number): PeerState {
  if (ms < 8_000) return 'connected';
  return ms < 18_000 ? 'disconnected' : 'failed';
}

export const peerState = (state: ModelState): PeerState =>
  state.peer === 'connected' && state.outageMs !== null ? outagePeerState(state.outageMs) : state.peer;

function freezeStep(
  state: ModelState,
  dtMs: number,
  rng: Rng,
): Pick<ModelState, 'freezeLeftMs' | 'freezeLenMs' | 'video'> {
  const { video } = state;
  if (state.freezeLeftMs > 0) {
    const left = state.freezeLeftMs - dtMs;
    if (left > 0 || !video) return { freezeLeftMs: Math.max(0, left), freezeLenMs: state.freezeLenMs, video };
    // Chrome counts a freeze (and its duration) when the next frame is rendered.
    return {
      freezeLeftMs: 0,
      freezeLenMs: 0,
      video: { ...video, freezes: video.freezes + 1, freezeS: video.freezeS + state.freezeLenMs / 1000 },
    };
  }
  if (video && rng.chance((state.persona.freezesPerMin / 60) * (dtMs / 1000))) {
    const len = clamp(Math.exp(rng.normal(Math.log(900), 0.6)), 300, 5_000);
    return { freezeLeftMs: len, freezeLenMs: len, video };
  }
  return { freezeLeftMs: 0, freezeLenMs: 0, video };
}

/** Advances the viewer by `dtMs` and returns the sample taken at the end of it. */
export function nextSample(state: ModelState, dtMs: number, rng: Rng): ModelStep {
  const p = state.persona;
  const dtS = dtMs / 1000;
  let s: ModelState = { ...state, seq: state.seq + 1, t: state.t + dtMs };
  if (s.media && s.outageMs === null && s.peer === 'connected' && rng.chance(RENEGOTIATE_PER_S * dtS))
    s = connect(s, rng);
  if (rng.chance(p.hideChance * dtS)) s.hidden = !s.hidden;
  if (s.outageMs !== null) s.outageMs += dtMs;
  if (p.browser.mobile && rng.chance(dtS / 7_200)) s.pairChanges += 1; // Wi-Fi ↔ cellular

  const frozen = s.freezeLeftMs > 0;
  s = { ...s, ...freezeStep(s, dtMs, rng) };
  s.kbps = clamp(
    s.kbps + (p.videoKbps - s.kbps) * 0.1 * dtS + rng.normal(0, 0.03 * p.videoKbps) * Math.sqrt(dtS),
    MIN_KBPS,
    MAX_KBPS,
  );
  const flowing = s.media && s.outageMs === null && s.peer === 'connected';
  // Losses come in bursts: the persona's rate scaled by a log-normal factor each second.
  const loss = p.lossRate > 0 ? clamp(p.lossRate * Math.exp(rng.normal(-0.18, 0.6)), 0, 0.5) : 0;
  const interval = { dtS, kbps: s.kbps, loss, flowing, frozen };
  if (s.video) s.video = advanceVideo(s.video, p, interval, rng);
  if (s.audio) s.audio = advanceAudio(s.audio, p, interval, rng);
  return { state: s, sample: toSample(s, rng) };
}

function toSample(s: ModelState, rng: Rng): StatsSample {
  const p = s.persona;
  const st = peerState(s);
  const sample: StatsSample = { seq: s.seq, t: Math.round(s.t), st, vis: s.hidden ? 'h' : 'v' };
  if (s.peer === 'connecting' || s.peer === 'failed' || s.peer === 'closed') return sample;
  const sinceLast = (max: number): number => (s.outageMs === null ? rng.int(0, max) : Math.round(s.outageMs));
  const fps = s.freezeLeftMs > 0 || s.outageMs !== null ? 0 : Math.round(p.fps * rng.uniform(0.93, 1));
  if (s.video)
    sample.vi = videoIn(s.video, p, {
      fps,
      jitterS: (p.jitterMs * rng.uniform(0.7, 1.3)) / 1000,
      lastPacketMs: sinceLast(35),
    });
  if (s.audio)
    sample.au = audioIn(s.audio, { jitterS: (p.jitterMs * rng.uniform(0.3, 0.7)) / 1000, lastPacketMs: sinceLast(20) });
  if (st === 'failed') return sample; // candidate pairs disappear once ICE has failed
  sample.ne = { rtt: r3(LOOPBACK_RTT_S + (p.rttMs * rng.uniform(0.85, 1.2)) / 1000), ...p.net, spc: s.pairChanges };
  return sample;
}
