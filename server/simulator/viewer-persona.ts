/**
 * @module Who one simulated viewer is (pure, drawn from a seeded Rng): browser, whether it can decode the event's
 * codec, resolution, bitrate, and how good their network and device are. The sample model turns a persona into getStats
 * samples.
 */
import type { Net } from '../../shared/stats-sample.ts';
import { AUDIO_PROFILE, RELAY_PROTOCOLS, type SimVideoCodec } from './fixture-profile.ts';
import type { Rng } from './prng.ts';
import { SIM_BROWSERS, type SimBrowser } from './user-agents.ts';

export const SIM_HEIGHTS = [1080, 720, 480, 360] as const;
export type SimHeight = (typeof SIM_HEIGHTS)[number];

export type Persona = {
  browser: SimBrowser;
  /** The event's codec: what this viewer receives, if it can decode it. */
  codec: SimVideoCodec;
  /** The browser can decode `codec`; when not, the visit fails pre-flight as `codec-unsupported`. */
  decodes: boolean;
  /** Chrome exposes `decoderImplementation` only while the page holds a capture (reference §2.9): rare. */
  showsDecoder: boolean;
  width: number;
  height: SimHeight;
  /** Nominal decoded frame rate. */
  fps: number;
  /** Nominal video payload bitrate, kbit/s (300–3000). */
  videoKbps: number;
  audioBytesPerPacket: number;
  /** Packet loss as a fraction of packets sent (lossy viewers: 0.02–0.08). */
  lossRate: number;
  /** Network round-trip time, ms (10–300). */
  rttMs: number;
  /** RFC 3550 interarrival jitter, ms. */
  jitterMs: number;
  /** Expected freezes per minute of watching. */
  freezesPerMin: number;
  /** Audio concealed without loss (decoder or CPU trouble), fraction of samples. */
  concealRate: number;
  /** Chance per second that the tab becomes hidden (and, once hidden, visible again). */
  hideChance: number;
  net: Pick<Net, 'lt' | 'rt' | 'pr' | 'rp'>;
};

const WIDTH: Record<SimHeight, number> = { 1080: 1920, 720: 1280, 480: 854, 360: 640 };
const KBPS: Record<SimHeight, readonly [number, number]> = {
  1080: [1800, 3000],
  720: [900, 2000],
  480: [500, 1100],
  360: [300, 700],
};
const DESKTOP_HEIGHTS = [
  [1080, 45],
  [720, 35],
  [480, 12],
  [360, 8],
] as const;
const MOBILE_HEIGHTS = [
  [1080, 15],
  [720, 45],
  [480, 25],
  [360, 15],
] as const;

const clamp = (x: number, min: number, max: number): number => Math.min(max, Math.max(min, x));

function drawNet(rng: Rng): Persona['net'] {
  const kind = rng.weighted([
    ['srflx', 70],
    ['host', 18],
    ['prflx', 7],
    ['relay', 5],
  ] as const);
  if (kind === 'relay') return { lt: 'relay', rt: 'host', pr: 'udp', rp: rng.pick(RELAY_PROTOCOLS) };
  return { lt: kind, rt: 'host', pr: rng.chance(0.97) ? 'udp' : 'tcp' };
}

/**
 * Draws a viewer of an event sent in `codec` (AV1, the default event codec); `browser` may be fixed (e.g. to make
 * the first viewers of a demo varied on purpose).
 */
export function drawPersona(
  rng: Rng,
  codec: SimVideoCodec = 'AV1',
  browser: SimBrowser = rng.weighted(SIM_BROWSERS.map((b) => [b, b.weight] as const)),
): Persona {
  const height = rng.weighted(browser.mobile ? MOBILE_HEIGHTS : DESKTOP_HEIGHTS);
  const [lo, hi] = KBPS[height];
  const lossy = rng.chance(0.06);
  const freezy = lossy || rng.chance(0.08);
  const net = drawNet(rng);
  // Log-normal RTT around 40 ms (mobile and relayed paths are slower); lossy paths are usually long ones too.
  const rttBase =
    Math.exp(rng.normal(Math.log(browser.mobile ? 70 : 35), 0.6)) + (net.lt === 'relay' ? 30 : 0) + (lossy ? 60 : 0);
  const rttMs = Math.round(clamp(rttBase, 10, 300));
  return {
    browser,
    codec,
    // One draw, as the old per-browser codec pick took, so seeded audiences keep their other traits.
    decodes: rng.chance(browser.decodes[codec]),
    showsDecoder: rng.chance(0.1),
    width: WIDTH[height],
    height,
    fps:
      height >= 720
        ? rng.weighted([
            [30, 80],
            [24, 15],
            [25, 5],
          ] as const)
        : rng.int(15, 30),
    videoKbps: Math.round(rng.uniform(lo, hi)),
    audioBytesPerPacket: rng.int(AUDIO_PROFILE.bytesPerPacketMin, AUDIO_PROFILE.bytesPerPacketMax),
    lossRate: lossy ? rng.uniform(0.02, 0.08) : Math.min(0.01, rng.exponential(0.001)),
    rttMs,
    jitterMs: Math.round(clamp(1 + rttMs * 0.04 + rng.exponential(lossy ? 12 : 3), 1, 60)),
    freezesPerMin: freezy ? rng.uniform(0.5, 2.5) : rng.uniform(0, 0.03),
    concealRate: rng.chance(0.05) ? rng.uniform(0.01, 0.04) : rng.uniform(0, 0.0005),
    hideChance: rng.chance(0.2) ? 1 / 300 : 1 / 7200,
    net,
  };
}
