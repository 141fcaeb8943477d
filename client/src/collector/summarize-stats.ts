/** @module getStats report → StatsSample (pure). Every browser quirk of the viewer side lives in this file. */
import type { AudioIn, Net, StatsSample, VideoIn } from '../../../shared/stats-sample.ts';
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

export type { StatsReportLike } from './stats-fields.ts';
/** What the caller knows besides the report: `pc.connectionState`, page visibility, and a clock for empty reports. */
export type SampleContext = { state?: string; visibility?: 'v' | 'h'; now?: number };

/** Milliseconds from the last packet to the stats timestamp; clamped at 0 (the two clocks may disagree slightly). */
function sinceLastPacket(s: Stats): number | undefined {
  const ts = num(s, 'timestamp');
  const last = num(s, 'lastPacketReceivedTimestamp');
  return ts === undefined || last === undefined ? undefined : within(Math.max(0, Math.round(ts - last)), 0, 1e9);
}

/** The `inbound-rtp` of one kind with the most bytes; `mediaType` is the pre-2018 name of `kind` (old Firefox). */
function pickInbound(all: Stats[], kind: 'video' | 'audio'): Stats | undefined {
  let best: Stats | undefined;
  for (const s of all) {
    // Old Firefox reported the sender's RTCP view as inbound-rtp with isRemote: true (before remote-outbound-rtp existed).
    if (s.type !== 'inbound-rtp' || s.isRemote === true || (str(s, 'kind') ?? str(s, 'mediaType')) !== kind) continue;
    if (count(s, 'ssrc') === undefined) continue;
    if (!best || (num(s, 'bytesReceived') ?? 0) > (num(best, 'bytesReceived') ?? 0)) best = s;
  }
  return best;
}

function common(s: Stats, codec: Stats | undefined) {
  return {
    ss: count(s, 'ssrc') ?? 0,
    c: codecName(codec),
    // Counters that have not started read 0 per spec; an engine that lacks one is treated the same.
    by: count(s, 'bytesReceived') ?? 0,
    pr: count(s, 'packetsReceived') ?? 0,
    pl: signedCount(s, 'packetsLost') ?? 0,
    j: secs(s, 'jitter'),
  };
}

function video(s: Stats, codec: Stats | undefined): VideoIn {
  const pe = s.powerEfficientDecoder;
  return compact<VideoIn>({
    ...common(s, codec),
    fd: count(s, 'framesDecoded'),
    frx: count(s, 'framesReceived'),
    fdr: count(s, 'framesDropped'),
    kf: count(s, 'keyFramesDecoded'),
    w: within(maybeRound(num(s, 'frameWidth'), 0), 0, 16_384),
    h: within(maybeRound(num(s, 'frameHeight'), 0), 0, 16_384),
    // Chrome reports integers, Firefox fractions such as 29.97.
    fps: within(maybeRound(num(s, 'framesPerSecond'), 1), 0, 1_000),
    fz: count(s, 'freezeCount'),
    fzd: secs(s, 'totalFreezesDuration'),
    pa: count(s, 'pauseCount'),
    pad: secs(s, 'totalPausesDuration'),
    jbd: secs(s, 'jitterBufferDelay'),
    jbe: count(s, 'jitterBufferEmittedCount'),
    qp: count(s, 'qpSum'),
    nk: count(s, 'nackCount'),
    pli: count(s, 'pliCount'),
    dt: secs(s, 'totalDecodeTime'),
    lp: sinceLastPacket(s),
    // Both only exist while the page captures media (getstats.md §2.9); Firefox and Safari never expose them.
    dec: label(str(s, 'decoderImplementation'), 32),
    pe: typeof pe === 'boolean' ? pe : undefined,
  });
}

function audio(s: Stats, codec: Stats | undefined): AudioIn {
  return compact<AudioIn>({
    ...common(s, codec),
    tsr: count(s, 'totalSamplesReceived'),
    cs: count(s, 'concealedSamples'),
    scs: count(s, 'silentConcealedSamples'),
    ce: count(s, 'concealmentEvents'),
    // Audio jitter-buffer delay is summed per sample (48 000/s), so it grows large; 0.1 s is plenty.
    jbd: secs(s, 'jitterBufferDelay', 1),
    jbe: count(s, 'jitterBufferEmittedCount'),
    lp: sinceLastPacket(s),
  });
}

function network(all: Stats[], byId: Map<string, Stats>, transport: Stats | undefined): Net | undefined {
  const pair = selectedPair(all, byId, transport);
  const net = compact<Net>({
    rtt: within(secs(pair, 'currentRoundTripTime'), 0, 60),
    ...candidates(pair, byId),
    spc: transport ? count(transport, 'selectedCandidatePairChanges') : undefined,
  });
  return Object.keys(net).length > 0 ? net : undefined;
}

/** Firefox before 113 has no `connectionState`; callers then pass `iceConnectionState`, whose names differ. */
const STATE_ALIASES: Record<string, string> = { checking: 'connecting', completed: 'connected' };

/**
 * Reduces one getStats report to a wire sample. `t` is the inbound-rtp timestamp rounded to the millisecond
 * (video first, then audio; else the newest timestamp in the report; else `context.now`).
 * Absent stats stay absent: instantaneous values are never zero-filled.
 */
export function summarizeStats(report: StatsReportLike, seq: number, context: SampleContext = {}): StatsSample {
  const all = toList(report);
  const byId = indexById(all);
  const vi = pickInbound(all, 'video');
  const au = pickInbound(all, 'audio');
  const codecOf = (s: Stats): Stats | undefined => byId.get(str(s, 'codecId') ?? '');

  const newest = Math.max(...all.map((s) => num(s, 'timestamp') ?? 0));
  const t = num(vi, 'timestamp') ?? num(au, 'timestamp') ?? (newest > 0 ? newest : context.now) ?? 0;
  const inbound = vi ?? au;
  const transportById = byId.get(str(inbound, 'transportId') ?? '');
  // Firefox before 153 has no transport stats at all.
  const transport = transportById?.type === 'transport' ? transportById : all.find((s) => s.type === 'transport');

  return compact<StatsSample>({
    seq,
    t: within(Math.round(t), 0, 1e14) ?? 0,
    st: oneOf(STATE_ALIASES[context.state ?? ''] ?? context.state, PEER_STATES),
    vis: context.visibility,
    vi: vi ? video(vi, codecOf(vi)) : undefined,
    au: au ? audio(au, codecOf(au)) : undefined,
    ne: network(all, byId, transport),
  });
}
