/**
 * @module The publisher's getStats report → PublisherSample (pure). Every browser quirk of the sending side lives in
 * this file: outbound-rtp joined with its codec, its media source (what is captured) and Sora's receiver reports
 * (remote-inbound-rtp, found by `remoteId` or, in engines without it, by kind and SSRC).
 */
import {
  LIMITATIONS,
  type AudioOut,
  type NetOut,
  type PublisherSample,
  type VideoOut,
} from '../../../shared/publisher-sample.ts';
import { MAX_FPS, MAX_FRAME_SIDE_PX, MAX_JITTER_S } from '../../../shared/limits.ts';
import { PEER_STATES } from '../../../shared/stats-sample.ts';
import {
  candidates,
  codecName,
  compact,
  count,
  indexById,
  label,
  maybeRound,
  num,
  oneOf,
  secs,
  selectedPair,
  signedCount,
  str,
  toList,
  within,
  type Stats,
  type StatsReportLike,
} from './stats-fields.ts';

export type OutboundContext = { state?: string; now?: number; targetFps?: number };

const kindOf = (s: Stats): string | undefined => str(s, 'kind') ?? str(s, 'mediaType');

/**
 * The `outbound-rtp` of one kind with the most bytes sent. With simulcast there is one per layer; the biggest is the
 * layer that matters most to viewers (Sora forwards one layer to each), and the one a stall shows first.
 */
function pickOutbound(all: Stats[], kind: 'video' | 'audio'): Stats | undefined {
  let best: Stats | undefined;
  for (const s of all) {
    if (s.type !== 'outbound-rtp' || s.isRemote === true || kindOf(s) !== kind || count(s, 'ssrc') === undefined)
      continue;
    if (!best || (num(s, 'bytesSent') ?? 0) > (num(best, 'bytesSent') ?? 0)) best = s;
  }
  return best;
}

/** Sora's view of `out`: by `remoteId`, else the remote-inbound-rtp whose `localId` or SSRC matches. */
function remoteOf(all: Stats[], byId: Map<string, Stats>, out: Stats): Stats | undefined {
  const viaId = byId.get(str(out, 'remoteId') ?? '');
  if (viaId?.type === 'remote-inbound-rtp') return viaId;
  return all.find(
    (s) =>
      s.type === 'remote-inbound-rtp' && (s.localId === out.id || (s.ssrc === out.ssrc && kindOf(s) === kindOf(out))),
  );
}

function remoteFields(r: Stats | undefined) {
  return {
    rl: signedCount(r, 'packetsLost'),
    rj: within(secs(r, 'jitter'), 0, MAX_JITTER_S),
    rtt: within(secs(r, 'roundTripTime'), 0, 60),
    fl: within(maybeRound(num(r, 'fractionLost'), 4), 0, 1),
  };
}

function streamFields(s: Stats, codec: Stats | undefined) {
  return {
    ss: count(s, 'ssrc') ?? 0,
    c: codecName(codec),
    // Counters that have not started read 0 per spec; an engine that lacks one is treated the same.
    by: count(s, 'bytesSent') ?? 0,
    ps: count(s, 'packetsSent') ?? 0,
    rb: count(s, 'retransmittedBytesSent'),
    rp: count(s, 'retransmittedPacketsSent'),
    nk: count(s, 'nackCount'),
  };
}

/** `qualityLimitationDurations` (s per reason), when the engine reports all four. */
function durations(s: Stats): VideoOut['qd'] {
  const d = s.qualityLimitationDurations;
  if (typeof d !== 'object' || d === null) return undefined;
  const x = d as Stats;
  const [n, c, b, o] = [secs(x, 'none'), secs(x, 'cpu'), secs(x, 'bandwidth'), secs(x, 'other')];
  return n === undefined || c === undefined || b === undefined || o === undefined ? undefined : { n, c, b, o };
}

const px = (s: Stats | undefined, k: string) => within(maybeRound(num(s, k), 0), 0, MAX_FRAME_SIDE_PX);
const fps = (s: Stats | undefined, k: string) => within(maybeRound(num(s, k), 1), 0, MAX_FPS);

function video(s: Stats, codec: Stats | undefined, source: Stats | undefined, remote: Stats | undefined): VideoOut {
  const pe = s.powerEfficientEncoder;
  return compact<VideoOut>({
    ...streamFields(s, codec),
    // Only exposed while the page captures media (getstats.md §2.9), which a publisher always does.
    enc: label(str(s, 'encoderImplementation'), 32),
    pe: typeof pe === 'boolean' ? pe : undefined,
    fe: count(s, 'framesEncoded'),
    kf: count(s, 'keyFramesEncoded'),
    w: px(s, 'frameWidth'),
    h: px(s, 'frameHeight'),
    fps: fps(s, 'framesPerSecond'),
    tb: within(maybeRound(num(s, 'targetBitrate'), 0), 0, 1e10),
    te: secs(s, 'totalEncodeTime'),
    ql: oneOf(str(s, 'qualityLimitationReason'), LIMITATIONS),
    qd: durations(s),
    qrc: count(s, 'qualityLimitationResolutionChanges'),
    pli: count(s, 'pliCount'),
    fir: count(s, 'firCount'),
    qp: count(s, 'qpSum'),
    sw: px(source, 'width'),
    sh: px(source, 'height'),
    sfps: fps(source, 'framesPerSecond'),
    ...remoteFields(remote),
  });
}

function audio(s: Stats, codec: Stats | undefined, remote: Stats | undefined): AudioOut {
  return compact<AudioOut>({ ...streamFields(s, codec), ...remoteFields(remote) });
}

function network(all: Stats[], byId: Map<string, Stats>, transport: Stats | undefined): NetOut | undefined {
  const pair = selectedPair(all, byId, transport);
  const net = compact<NetOut>({
    rtt: within(secs(pair, 'currentRoundTripTime'), 0, 60),
    ab: within(maybeRound(num(pair, 'availableOutgoingBitrate'), 0), 0, 1e11),
    ...candidates(pair, byId),
  });
  return Object.keys(net).length > 0 ? net : undefined;
}

/** Firefox before 113 has no `connectionState`; callers then pass `iceConnectionState`, whose names differ. */
const STATE_ALIASES: Record<string, string> = { checking: 'connecting', completed: 'connected' };

/**
 * Reduces one getStats report of a sending peer connection to a wire sample. `t` is the outbound-rtp timestamp
 * (video first, then audio; else the newest in the report; else `context.now`), rounded to the millisecond.
 */
export function summarizeOutbound(
  report: StatsReportLike,
  seq: number,
  context: OutboundContext = {},
): PublisherSample {
  const all = toList(report);
  const byId = indexById(all);
  const vo = pickOutbound(all, 'video');
  const ao = pickOutbound(all, 'audio');
  const linked = (s: Stats, key: string): Stats | undefined => byId.get(str(s, key) ?? '');
  const newest = Math.max(0, ...all.map((s) => num(s, 'timestamp') ?? 0));
  const t = num(vo, 'timestamp') ?? num(ao, 'timestamp') ?? (newest > 0 ? newest : context.now) ?? 0;
  const outbound = vo ?? ao;
  const viaOutbound = outbound ? linked(outbound, 'transportId') : undefined;
  const transport = viaOutbound?.type === 'transport' ? viaOutbound : all.find((s) => s.type === 'transport');
  return compact<PublisherSample>({
    seq,
    t: within(Math.round(t), 0, 1e14) ?? 0,
    st: oneOf(STATE_ALIASES[context.state ?? ''] ?? context.state, PEER_STATES),
    tf: within(maybeRound(context.targetFps, 1), 0, MAX_FPS),
    vo: vo ? video(vo, linked(vo, 'codecId'), linked(vo, 'mediaSourceId'), remoteOf(all, byId, vo)) : undefined,
    ao: ao ? audio(ao, linked(ao, 'codecId'), remoteOf(all, byId, ao)) : undefined,
    ne: network(all, byId, transport),
  });
}
