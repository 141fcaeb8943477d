/**
 * @module Reading fields of a getStats report safely (pure): the report as a list, typed field reads that drop
 * non-finite or out-of-range values, the selected candidate pair and candidate types with their historical aliases.
 * Shared by the viewer's summarize-stats.ts and the publisher's summarize-outbound.ts.
 */
import type { Net } from '../../../shared/stats-sample.ts';
import { CANDIDATE_TYPES } from '../../../shared/stats-sample.ts';

/** An `RTCStatsReport` (map-like: id → stats), any iterable of stats objects, or of `[id, stats]` entries. */
export type StatsReportLike = ReadonlyMap<string, unknown> | Iterable<unknown>;

export type Stats = Record<string, unknown>;

const isRecord = (x: unknown): x is Stats => typeof x === 'object' && x !== null && !Array.isArray(x);
const isMap = (r: StatsReportLike): r is ReadonlyMap<string, unknown> => {
  const m = r as Partial<ReadonlyMap<string, unknown>>;
  return typeof m.get === 'function' && typeof m.values === 'function';
};

export function toList(report: StatsReportLike): Stats[] {
  const list: Stats[] = [];
  for (const item of isMap(report) ? report.values() : report) {
    // Iterating a Map (not its values) yields [id, stats] pairs.
    const s = Array.isArray(item) ? item[1] : item;
    if (isRecord(s) && typeof s.type === 'string') list.push(s);
  }
  return list;
}

/** The report's stats by id. */
export function indexById(all: readonly Stats[]): Map<string, Stats> {
  const byId = new Map<string, Stats>();
  for (const s of all) if (typeof s.id === 'string') byId.set(s.id, s);
  return byId;
}

export const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
export const num = (s: Stats | undefined, k: string): number | undefined => {
  const x = s?.[k];
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
};
export const str = (s: Stats | undefined, k: string): string | undefined => {
  const x = s?.[k];
  return typeof x === 'string' ? x : undefined;
};
export const maybeRound = (x: number | undefined, digits: number): number | undefined =>
  x === undefined ? undefined : round(x, digits);
export const within = (x: number | undefined, min: number, max: number): number | undefined =>
  x !== undefined && x >= min && x <= max ? x : undefined;
/** Cumulative counter: a non-negative integer, or absent. */
export const count = (s: Stats | undefined, k: string): number | undefined =>
  within(maybeRound(num(s, k), 0), 0, Number.MAX_SAFE_INTEGER);
/** A counter that may go negative (packetsLost), rounded to an integer. */
export const signedCount = (s: Stats | undefined, k: string): number | undefined =>
  within(maybeRound(num(s, k), 0), -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
/** Seconds, rounded (3 decimals: 1 ms resolution). */
export const secs = (s: Stats | undefined, k: string, digits = 3): number | undefined =>
  within(maybeRound(num(s, k), digits), 0, 1e10);
export const label = (x: string | undefined, max: number): string | undefined => (x ? x.slice(0, max) : undefined);

/** Drops keys whose value is undefined, so absent stats stay absent on the wire. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;
}

/** `video/AV1` → `AV1`, `audio/opus` → `OPUS` (Chrome lower-cases opus; compare case-insensitively). */
export function codecName(codec: Stats | undefined): string | undefined {
  const mime = str(codec, 'mimeType');
  return mime ? label(mime.slice(mime.indexOf('/') + 1).toUpperCase(), 16) : undefined;
}

/** Selected pair: `transport.selectedCandidatePairId` (standard), else Firefox's `selected`, else nominated + succeeded. */
export function selectedPair(all: Stats[], byId: Map<string, Stats>, transport: Stats | undefined): Stats | undefined {
  const viaTransport = byId.get(str(transport, 'selectedCandidatePairId') ?? '');
  if (viaTransport?.type === 'candidate-pair') return viaTransport;
  const pairs = all.filter((s) => s.type === 'candidate-pair');
  return pairs.find((p) => p.selected === true) ?? pairs.find((p) => p.nominated === true && p.state === 'succeeded');
}

/** Candidate type names from early drafts of the stats spec, accepted in case an old engine still sends them. */
const TYPE_ALIASES: Record<string, string> = { serverreflexive: 'srflx', peerreflexive: 'prflx', relayed: 'relay' };
export const candidateType = (c: Stats | undefined): Net['lt'] => {
  const t = str(c, 'candidateType')?.toLowerCase();
  const name = t === undefined ? undefined : (TYPE_ALIASES[t] ?? t);
  return (CANDIDATE_TYPES as readonly string[]).includes(name ?? '') ? (name as Net['lt']) : undefined;
};
export const oneOf = <T extends string>(x: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.find((a) => a === x?.toLowerCase());

/** The selected pair's candidates: types, and the transport protocols (for a relay, `relayProtocol` is viewer↔TURN). */
export function candidates(pair: Stats | undefined, byId: Map<string, Stats>): Pick<Net, 'lt' | 'rt' | 'pr' | 'rp'> {
  const local = byId.get(str(pair, 'localCandidateId') ?? '');
  const remote = byId.get(str(pair, 'remoteCandidateId') ?? '');
  return {
    lt: candidateType(local),
    rt: candidateType(remote),
    // For a relay candidate `protocol` is the relay↔peer leg (always udp); `relayProtocol` is viewer↔TURN.
    pr: oneOf(str(local, 'protocol') ?? str(remote, 'protocol'), ['udp', 'tcp'] as const),
    rp: oneOf(str(local, 'relayProtocol'), ['udp', 'tcp', 'tls'] as const),
  };
}
