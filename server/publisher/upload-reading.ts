/**
 * @module The upload over the last seconds (pure): rates from the intervals of the last `RATE_WINDOW_MS`, loss and
 * retransmissions over the longer `LOSS_WINDOW_MS` (Sora's receiver reports come every second or so, and one lost
 * packet in one second is noise), instantaneous values from the newest sample.
 */
import type { Limitation, PublisherSample } from '../../shared/publisher-sample.ts';
import type { UploadReading } from '../../shared/publisher-status.ts';
import type { UploadInterval } from './upload-interval.ts';

/** Bitrate and frame rate are averaged over this much of the newest intervals. */
export const RATE_WINDOW_MS = 5_000;
/** Loss, retransmissions, NACKs and PLIs over this much. */
export const LOSS_WINDOW_MS = 10_000;

/** The limitation the encoder is in now and since when (server time), or null while it is not held back. */
export type LimitedRun = { reason: Exclude<Limitation, 'none'>; since: number };

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The newest intervals covering `windowMs` of browser time (at least the newest one). */
export function lastWindow(intervals: readonly UploadInterval[], windowMs: number): UploadInterval[] {
  const out: UploadInterval[] = [];
  let span = 0;
  for (let i = intervals.length - 1; i >= 0 && span < windowMs; i--) {
    const x = intervals[i] as UploadInterval;
    out.push(x);
    span += x.dtMs;
  }
  return out;
}

type Sums = { dtMs: number } & Record<
  'video' | 'audio' | 'packets' | 'lost' | 'rtx' | 'frames' | 'nacks' | 'plis',
  number
>;
type Has = Record<'lost' | 'rtx' | 'frames' | 'nacks' | 'plis', boolean>;

function sum(window: readonly UploadInterval[]): { s: Sums; has: Has } {
  const s: Sums = { dtMs: 0, video: 0, audio: 0, packets: 0, lost: 0, rtx: 0, frames: 0, nacks: 0, plis: 0 };
  const has: Has = { lost: false, rtx: false, frames: false, nacks: false, plis: false };
  const add = (key: keyof Has, x: number | null) => {
    if (x === null) return;
    s[key] += x;
    has[key] = true;
  };
  for (const x of window) {
    s.dtMs += x.dtMs;
    s.video += x.videoBytes;
    s.audio += x.audioBytes;
    s.packets += x.videoPackets;
    add('lost', x.videoLost);
    add('rtx', x.retransmittedBytes);
    add('frames', x.framesEncoded);
    add('nacks', x.nacks);
    add('plis', x.plis);
  }
  return { s, has };
}

const kbps = (bytes: number, ms: number): number => round((bytes * 8) / ms, 0);
const orNull = <T>(x: T | undefined): T | null => x ?? null;

/**
 * The reading at `now` from a publisher's intervals (oldest first), its newest sample and its limitation run.
 * `limitedSec` counts from the run's start to the newest interval's end.
 */
export function uploadReading(
  intervals: readonly UploadInterval[],
  latest: PublisherSample,
  run: LimitedRun | null,
): UploadReading {
  const newest = intervals[intervals.length - 1];
  const rate = newest ? sum(lastWindow(intervals, RATE_WINDOW_MS)).s : null;
  const long = newest ? sum(lastWindow(intervals, LOSS_WINDOW_MS)) : null;
  const vo = latest.vo;
  const perMin = (key: 'nacks' | 'plis') =>
    long?.has[key] && long.s.dtMs > 0 ? round((long.s[key] * 60_000) / long.s.dtMs) : null;
  const remoteRtt = vo?.rtt ?? latest.ao?.rtt;
  const pairRtt = latest.ne?.rtt;
  let lossPct: number | null = null;
  // Of the packets sent in the window (a lost packet was sent, so it is among them).
  if (long?.has.lost && long.s.packets > 0) lossPct = round(Math.min(100, (100 * long.s.lost) / long.s.packets));
  else if (vo?.fl !== undefined) lossPct = round(100 * vo.fl);
  return {
    videoKbps: rate && rate.dtMs > 0 ? kbps(rate.video, rate.dtMs) : null,
    audioKbps: rate && rate.dtMs > 0 && latest.ao ? kbps(rate.audio, rate.dtMs) : null,
    targetKbps: vo?.tb !== undefined ? round(vo.tb / 1000, 0) : null,
    availableKbps: latest.ne?.ab !== undefined ? round(latest.ne.ab / 1000, 0) : null,
    fps: long?.has.frames && rate && rate.dtMs > 0 ? round((rate.frames * 1000) / rate.dtMs) : orNull(vo?.fps),
    captureFps: orNull(vo?.sfps ?? latest.tf),
    width: orNull(vo?.w),
    height: orNull(vo?.h),
    captureWidth: orNull(vo?.sw),
    captureHeight: orNull(vo?.sh),
    codec: orNull(vo?.c),
    encoder: orNull(vo?.enc),
    limitation: newest?.limitation ?? orNull(vo?.ql),
    limitedSec: run && newest ? Math.max(0, Math.round((newest.t - run.since) / 1000)) : 0,
    lossPct,
    rttMs:
      remoteRtt !== undefined ? round(remoteRtt * 1000, 0) : pairRtt !== undefined ? round(pairRtt * 1000, 0) : null,
    jitterMs: vo?.rj !== undefined ? round(vo.rj * 1000, 0) : null,
    retransmitPct: long?.has.rtx && long.s.video > 0 ? round((100 * long.s.rtx) / long.s.video) : null,
    nackPerMin: perMin('nacks'),
    pliPerMin: perMin('plis'),
    peerState: orNull(latest.st),
  };
}
