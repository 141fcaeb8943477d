/** @module getStats report → StatsSample (pure). Every browser quirk of the viewer side lives in this file. */
import type { AudioIn, Net, StatsSample, VideoIn } from '../../../shared/stats-sample.ts';
import { CANDIDATE_TYPES, PEER_STATES } from '../../../shared/stats-sample.ts';

/** An `RTCStatsReport` (map-like: id → stats), any iterable of stats objects, or of `[id, stats]` entries. */
export type StatsReportLike = ReadonlyMap<string, unknown> | Iterable<unknown>;
/** What the caller knows besides the report: `pc.connectionState`, page visibility, and a clock for empty reports. */
export type SampleContext = { state?: string; visibility?: 'v' | 'h'; now?: number };

type Stats = Record<string, unknown>;

const isRecord = (x: unknown): x is Stats => typeof x === 'object' && x !== null && !Array.isArray(x);
const isMap = (r: StatsReportLike): r is ReadonlyMap<string, unknown> => {
  const m = r as Partial<ReadonlyMap<string, unknown>>;
  return typeof m.get === 'function' && typeof m.values === 'function';
};

function toList(report: StatsReportLike): Stats[] {
  const list: Stats[] = [];
  for (const item of isMap(report) ? report.values() : report) {
    // Iterating a Map (not its values) yields [id, stats] pairs.
    const s = Array.isArray(item) ? item[1] : item;
    if (isRecord(s) && typeof s.type === 'string') list.push(s);
  }
  return list;
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const num = (s: Stats | undefined, k: string): number | undefined => {
  const x = s?.[k];
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
};
const str = (s: Stats | undefined, k: string): string | undefined => {
  const x = s?.[k];
  return typeof x === 'string' ? x : undefined;
};
const maybeRound = (x: number | undefined, digits: number): number | undefined =>
  x === undefined ? undefined : round(x, digits);
const within = (x: number | undefined, min: number, max: number): number | undefined =>
  x !== undefined && x >= min && x <= max ? x : undefined;
/** Cumulative counter: a non-negative integer, or absent. */
const count = (s: Stats, k: string): number | undefined => within(maybeRound(num(s, k), 0), 0, Number.MAX_SAFE_INTEGER);
/** Seconds, rounded (3 decimals: 1 ms resolution). */
const secs = (s: Stats | undefined, k: string, digits = 3): number | undefined =>
  within(maybeRound(num(s, k), digits), 0, 1e10);
const label = (x: string | undefined, max: number): string | undefined => (x ? x.slice(0, max) : undefined);

/** Drops keys whose value is undefined, so absent stats stay absent on the wire. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;
}

/** `video/AV1` → `AV1`, `audio/opus` → `OPUS` (Chrome lower-cases opus; compare case-insensitively). */
function codecName(codec: Stats | undefined): string | undefined {
  const mime = str(codec, 'mimeType');
  return mime ? label(mime.slice(mime.indexOf('/') + 1).toUpperCase(), 16) : undefined;
}

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
    pl: within(maybeRound(num(s, 'packetsLost'), 0), -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) ?? 0,
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

/** Selected pair: `transport.selectedCandidatePairId` (standard), else Firefox's `selected`, else nominated + succeeded. */
function selectedPair(all: Stats[], byId: Map<string, Stats>, transport: Stats | undefined): Stats | undefined {
  const viaTransport = byId.get(str(transport, 'selectedCandidatePairId') ?? '');
  if (viaTransport?.type === 'candidate-pair') return viaTransport;
  const pairs = all.filter((s) => s.type === 'candidate-pair');
  return pairs.find((p) => p.selected === true) ?? pairs.find((p) => p.nominated === true && p.state === 'succeeded');
}

/** Candidate type names from early drafts of the stats spec, accepted in case an old engine still sends them. */
const TYPE_ALIASES: Record<string, string> = { serverreflexive: 'srflx', peerreflexive: 'prflx', relayed: 'relay' };
const candidateType = (c: Stats | undefined): Net['lt'] => {
  const t = str(c, 'candidateType')?.toLowerCase();
  const name = t === undefined ? undefined : (TYPE_ALIASES[t] ?? t);
  return (CANDIDATE_TYPES as readonly string[]).includes(name ?? '') ? (name as Net['lt']) : undefined;
};
const oneOf = <T extends string>(x: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.find((a) => a === x?.toLowerCase());

function network(all: Stats[], byId: Map<string, Stats>, transport: Stats | undefined): Net | undefined {
  const pair = selectedPair(all, byId, transport);
  const local = byId.get(str(pair, 'localCandidateId') ?? '');
  const remote = byId.get(str(pair, 'remoteCandidateId') ?? '');
  const net = compact<Net>({
    rtt: within(secs(pair, 'currentRoundTripTime'), 0, 60),
    lt: candidateType(local),
    rt: candidateType(remote),
    // For a relay candidate `protocol` is the relay↔peer leg (always udp); `relayProtocol` is viewer↔TURN.
    pr: oneOf(str(local, 'protocol') ?? str(remote, 'protocol'), ['udp', 'tcp'] as const),
    rp: oneOf(str(local, 'relayProtocol'), ['udp', 'tcp', 'tls'] as const),
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
  const byId = new Map<string, Stats>();
  for (const s of all) if (typeof s.id === 'string') byId.set(s.id, s);
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
