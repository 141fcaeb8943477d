/**
 * @module StatsSample: one viewer's compact getStats summary, as sent on the wire.
 * Counters are cumulative (the server derives deltas), so a lost or late batch loses no information.
 * Keys are short on purpose: they are sent 60 times a minute by every viewer. See docs/protocol.md.
 */
import * as v from 'valibot';
import { MAX_FPS, MAX_FRAME_SIDE_PX, MAX_JITTER_S, MAX_SAMPLES_PER_BATCH } from './limits.ts';

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const signedCount = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(-Number.MAX_SAFE_INTEGER),
  v.maxValue(Number.MAX_SAFE_INTEGER),
);
const seconds = v.pipe(v.number(), v.minValue(0), v.maxValue(1e10));
const small = (max: number) => v.pipe(v.number(), v.minValue(0), v.maxValue(max));
const label = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const PEER_STATES = ['new', 'connecting', 'connected', 'disconnected', 'failed', 'closed'] as const;
export const CANDIDATE_TYPES = ['host', 'srflx', 'prflx', 'relay'] as const;

/** Inbound video (`inbound-rtp`, kind video) joined with its `codec`. */
export const VideoInSchema = v.object({
  ss: count, // ssrc
  c: v.optional(label(16)), // codec, upper case without "video/": AV1, VP9, VP8, H264
  by: count, // bytesReceived
  pr: count, // packetsReceived
  pl: signedCount, // packetsLost (may decrease)
  fd: v.optional(count), // framesDecoded
  frx: v.optional(count), // framesReceived
  fdr: v.optional(count), // framesDropped
  kf: v.optional(count), // keyFramesDecoded
  w: v.optional(small(MAX_FRAME_SIDE_PX)), // frameWidth
  h: v.optional(small(MAX_FRAME_SIDE_PX)), // frameHeight
  fps: v.optional(small(MAX_FPS)), // framesPerSecond
  fz: v.optional(count), // freezeCount
  fzd: v.optional(seconds), // totalFreezesDuration (s)
  pa: v.optional(count), // pauseCount
  pad: v.optional(seconds), // totalPausesDuration (s)
  j: v.optional(small(MAX_JITTER_S)), // jitter (s)
  jbd: v.optional(seconds), // jitterBufferDelay (s, sum)
  jbe: v.optional(count), // jitterBufferEmittedCount
  qp: v.optional(count), // qpSum
  nk: v.optional(count), // nackCount
  pli: v.optional(count), // pliCount
  dt: v.optional(seconds), // totalDecodeTime (s)
  lp: v.optional(small(1e9)), // ms since the last packet arrived
  dec: v.optional(label(32)), // decoderImplementation, when exposed
  pe: v.optional(v.boolean()), // powerEfficientDecoder, when exposed
});
export type VideoIn = v.InferOutput<typeof VideoInSchema>;

/** Inbound audio (`inbound-rtp`, kind audio). */
export const AudioInSchema = v.object({
  ss: count,
  c: v.optional(label(16)), // codec: OPUS
  by: count,
  pr: count,
  pl: signedCount,
  j: v.optional(small(MAX_JITTER_S)), // jitter (s)
  tsr: v.optional(count), // totalSamplesReceived
  cs: v.optional(count), // concealedSamples
  scs: v.optional(count), // silentConcealedSamples
  ce: v.optional(count), // concealmentEvents
  jbd: v.optional(seconds),
  jbe: v.optional(count),
  lp: v.optional(small(1e9)),
});
export type AudioIn = v.InferOutput<typeof AudioInSchema>;

/** The selected candidate pair and its transport. */
export const NetSchema = v.object({
  rtt: v.optional(small(60)), // currentRoundTripTime (s)
  lt: v.optional(v.picklist(CANDIDATE_TYPES)), // local candidateType
  rt: v.optional(v.picklist(CANDIDATE_TYPES)), // remote candidateType
  pr: v.optional(v.picklist(['udp', 'tcp'])), // protocol
  rp: v.optional(v.picklist(['udp', 'tcp', 'tls'])), // relayProtocol (relay only)
  spc: v.optional(count), // selectedCandidatePairChanges
});
export type Net = v.InferOutput<typeof NetSchema>;

export const StatsSampleSchema = v.object({
  seq: count, // per-session sequence number, starts at 1
  t: v.pipe(v.number(), v.minValue(0), v.maxValue(1e14)), // stats timestamp, ms since epoch
  st: v.optional(v.picklist(PEER_STATES)), // pc.connectionState
  vis: v.optional(v.picklist(['v', 'h'])), // document visibility
  vi: v.optional(VideoInSchema),
  au: v.optional(AudioInSchema),
  ne: v.optional(NetSchema),
});
export type StatsSample = v.InferOutput<typeof StatsSampleSchema>;

export const StatsBatchSchema = v.object({
  samples: v.pipe(v.array(StatsSampleSchema), v.minLength(1), v.maxLength(MAX_SAMPLES_PER_BATCH)),
});
export type StatsBatch = v.InferOutput<typeof StatsBatchSchema>;
