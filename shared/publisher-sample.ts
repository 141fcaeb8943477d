/**
 * @module PublisherSample: the broadcaster's own compact getStats summary (outbound-rtp, the media source, Sora's
 * receiver reports as remote-inbound-rtp, the selected candidate pair), as the publisher collector sends it over the
 * host socket. Counters are cumulative, like a viewer's StatsSample: the server derives rates from two samples, so a
 * lost or late batch loses nothing. Keys are short; docs/protocol.md lists them with their getStats names.
 */
import * as v from 'valibot';
import { EventIdSchema } from './event.ts';
import {
  MAX_FPS,
  MAX_FRAME_PIXELS,
  MAX_FRAME_SIDE_PX,
  MAX_JITTER_S,
  MAX_PUBLISHER_SAMPLES_PER_BATCH,
} from './limits.ts';
import { checkTimestamp } from './plausibility.ts';
import { plausible } from './plausible-schemas.ts';
import { CANDIDATE_TYPES, PEER_STATES } from './stats-sample.ts';

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

/** `qualityLimitationReason`: what keeps the encoder below the resolution and frame rate it was asked for. */
export const LIMITATIONS = ['none', 'cpu', 'bandwidth', 'other'] as const;
export type Limitation = (typeof LIMITATIONS)[number];

/** What Sora's receiver reports say about one outbound stream (`remote-inbound-rtp`). */
const remoteInbound = {
  rl: v.optional(signedCount), // packetsLost, as Sora counts them (may decrease)
  rj: v.optional(small(MAX_JITTER_S)), // jitter at Sora (s)
  rtt: v.optional(small(60)), // roundTripTime (s), from the last receiver report
  fl: v.optional(small(1)), // fractionLost of the last report interval (0–1)
};

/** Outbound video (`outbound-rtp`, kind video) with its `codec`, `media-source` and `remote-inbound-rtp`. */
export const VideoOutSchema = v.object({
  ss: count, // ssrc
  c: v.optional(label(16)), // codec, upper case without "video/": AV1, VP9, VP8, H264
  enc: v.optional(label(32)), // encoderImplementation (libaom, libvpx, OpenH264, a hardware encoder…)
  pe: v.optional(v.boolean()), // powerEfficientEncoder
  by: count, // bytesSent (payload)
  ps: count, // packetsSent
  rb: v.optional(count), // retransmittedBytesSent
  rp: v.optional(count), // retransmittedPacketsSent
  fe: v.optional(count), // framesEncoded
  kf: v.optional(count), // keyFramesEncoded
  w: v.optional(small(MAX_FRAME_SIDE_PX)), // frameWidth (encoded)
  h: v.optional(small(MAX_FRAME_SIDE_PX)), // frameHeight (encoded)
  fps: v.optional(small(MAX_FPS)), // framesPerSecond (encoded)
  tb: v.optional(small(1e10)), // targetBitrate (bit/s): what the congestion controller allows the encoder
  te: v.optional(seconds), // totalEncodeTime (s)
  ql: v.optional(v.picklist(LIMITATIONS)), // qualityLimitationReason
  // qualityLimitationDurations (s, cumulative): none, cpu, bandwidth, other
  qd: v.optional(v.object({ n: seconds, c: seconds, b: seconds, o: seconds })),
  qrc: v.optional(count), // qualityLimitationResolutionChanges
  nk: v.optional(count), // nackCount: NACKs received from Sora
  pli: v.optional(count), // pliCount: picture loss indications received
  fir: v.optional(count), // firCount
  qp: v.optional(count), // qpSum
  sw: v.optional(small(MAX_FRAME_SIDE_PX)), // media-source width (what is captured)
  sh: v.optional(small(MAX_FRAME_SIDE_PX)), // media-source height
  sfps: v.optional(small(MAX_FPS)), // media-source framesPerSecond (frames captured per second)
  ...remoteInbound,
});
export type VideoOut = v.InferOutput<typeof VideoOutSchema>;

/** Outbound audio (`outbound-rtp`, kind audio) with its `codec` and `remote-inbound-rtp`. */
export const AudioOutSchema = v.object({
  ss: count,
  c: v.optional(label(16)), // codec: OPUS
  by: count,
  ps: count,
  rb: v.optional(count),
  rp: v.optional(count),
  nk: v.optional(count),
  ...remoteInbound,
});
export type AudioOut = v.InferOutput<typeof AudioOutSchema>;

/** The selected candidate pair towards Sora. */
export const NetOutSchema = v.object({
  rtt: v.optional(small(60)), // currentRoundTripTime (s)
  ab: v.optional(small(1e11)), // availableOutgoingBitrate (bit/s): the sender's bandwidth estimate
  lt: v.optional(v.picklist(CANDIDATE_TYPES)), // local candidateType
  rt: v.optional(v.picklist(CANDIDATE_TYPES)), // remote candidateType
  pr: v.optional(v.picklist(['udp', 'tcp'])), // protocol
  rp: v.optional(v.picklist(['udp', 'tcp', 'tls'])), // relayProtocol (relay only)
});
export type NetOut = v.InferOutput<typeof NetOutSchema>;

export const PublisherSampleSchema = v.object({
  seq: v.pipe(count, v.minValue(1)), // per-publisher sequence number, starts at 1
  t: v.pipe(v.number(), v.minValue(0), v.maxValue(1e14)), // stats timestamp, ms since epoch
  st: v.optional(v.picklist(PEER_STATES)), // pc.connectionState
  tf: v.optional(small(MAX_FPS)), // the frame rate the page asked the capture for (its target)
  vo: v.optional(VideoOutSchema),
  ao: v.optional(AudioOutSchema),
  ne: v.optional(NetOutSchema),
});
export type PublisherSample = v.InferOutput<typeof PublisherSampleSchema>;

/** One publisher collector's id: random, chosen by the page per attach (a reload is a new publisher). */
export const PublisherIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, "_" or "-"'),
);

export const PublisherBatchSchema = v.object({
  eventId: EventIdSchema,
  pid: PublisherIdSchema,
  samples: v.pipe(
    v.array(PublisherSampleSchema),
    v.minLength(1, 'must hold at least one sample'),
    v.maxLength(MAX_PUBLISHER_SAMPLES_PER_BATCH, `must hold at most ${MAX_PUBLISHER_SAMPLES_PER_BATCH} samples`),
    v.check(
      (samples) => samples.every((s, i) => i === 0 || s.seq > (samples[i - 1] as PublisherSample).seq),
      'must be in increasing seq order',
    ),
  ),
  /** The page stopped publishing on purpose (its Stop button, or leaving the page): not a stall. */
  end: v.optional(v.boolean()),
});
export type PublisherBatch = v.InferOutput<typeof PublisherBatchSchema>;

/** The batch schema with the plausibility checks the server adds: timestamps near its clock, frames within 8K. */
export function plausiblePublisherBatch(now: () => number) {
  return plausible(PublisherBatchSchema, (batch) => {
    for (const [i, s] of batch.samples.entries()) {
      const time = checkTimestamp(s.t, now(), `samples.${i}.t`);
      if (time) return time;
      const vo = s.vo;
      if (vo?.w !== undefined && vo.h !== undefined && vo.w * vo.h > MAX_FRAME_PIXELS)
        return {
          field: `samples.${i}.vo.w`,
          message: `${vo.w}×${vo.h} is larger than 8K (${MAX_FRAME_PIXELS} pixels)`,
        };
    }
    return null;
  });
}
