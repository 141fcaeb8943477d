/**
 * @module What happened on the upload between two of a publisher's samples (pure): the deltas of the cumulative
 * counters, and the limitation that held the encoder most of that time. Counters that went backwards (a new
 * outbound stream after Sora re-negotiated) count as nothing rather than as a negative rate.
 */
import type { Limitation, PublisherSample } from '../../shared/publisher-sample.ts';

export type UploadInterval = {
  /** End of the interval, server time (ms). */
  t: number;
  /** Its length by the browser's stats clock, ms (> 0). */
  dtMs: number;
  videoBytes: number;
  audioBytes: number;
  videoPackets: number;
  /** Packets Sora reported lost in the interval (its receiver reports; null when it sent none). */
  videoLost: number | null;
  retransmittedBytes: number | null;
  framesEncoded: number | null;
  nacks: number | null;
  plis: number | null;
  /** The limitation the encoder spent at least half the interval in, else `none` (null when not reported). */
  limitation: Limitation | null;
};

/** Non-negative delta of a cumulative counter, or null when either side lacks it. */
export function delta(after: number | undefined, before: number | undefined): number | null {
  if (after === undefined || before === undefined) return null;
  return Math.max(0, after - before);
}

type Stream = { ss: number; by: number; ps: number };
/** A stream's baseline from zero: its bytes and packets so far all fall in the interval. */
const FROM_ZERO = { ss: 0, by: 0, ps: 0 };

/** The earlier side of a stream, or zero counters when it restarted (new SSRC, or its bytes fell back). */
function baseline<S extends Stream>(before: S | undefined, after: S | undefined): Partial<S> | undefined {
  if (before === undefined || after === undefined) return before;
  return before.ss !== after.ss || after.by < before.by ? (FROM_ZERO as Partial<S>) : before;
}

/**
 * Mostly limited by what, by `qualityLimitationDurations` when the browser reports them (robust to the reason flipping
 * between polls), else by the reason at the later sample.
 */
export function dominantLimitation(before: PublisherSample, after: PublisherSample, dtMs: number): Limitation | null {
  const a = before.vo?.qd;
  const b = after.vo?.qd;
  if (a && b && dtMs > 0) {
    const spent: Array<[Limitation, number]> = [
      ['cpu', b.c - a.c],
      ['bandwidth', b.b - a.b],
      ['other', b.o - a.o],
    ];
    const [reason, seconds] = spent.reduce((x, y) => (y[1] > x[1] ? y : x));
    return seconds * 1000 >= dtMs / 2 ? reason : 'none';
  }
  return after.vo?.ql ?? null;
}

/** The interval from `before` to `after` (same publisher, `after.seq > before.seq`), ending at server time `t`; null when no time passed. */
export function uploadInterval(before: PublisherSample, after: PublisherSample, t: number): UploadInterval | null {
  const dtMs = after.t - before.t;
  if (!(dtMs > 0)) return null;
  const v0 = baseline(before.vo, after.vo);
  const a0 = baseline(before.ao, after.ao);
  const v1 = after.vo;
  return {
    t,
    dtMs,
    videoBytes: delta(v1?.by, v0?.by) ?? 0,
    audioBytes: delta(after.ao?.by, a0?.by) ?? 0,
    videoPackets: delta(v1?.ps, v0?.ps) ?? 0,
    videoLost: delta(v1?.rl, v0?.rl),
    retransmittedBytes: delta(v1?.rb, v0?.rb),
    framesEncoded: delta(v1?.fe, v0?.fe),
    nacks: delta(v1?.nk, v0?.nk),
    plis: delta(v1?.pli, v0?.pli),
    limitation: dominantLimitation(before, after, dtMs),
  };
}
