/**
 * @module Plausibility of viewer reports (pure, takes `now`): values no browser can report, counters that cannot
 * go backwards going backwards, rates beyond physical bounds, timestamps far from the server clock (issue 10).
 * The bounds are in shared/limits.ts and docs/protocol.md ("Plausibility").
 */
import {
  MAX_AUDIO_SAMPLES_PER_SECOND,
  MAX_BITRATE_KBPS,
  MAX_CLOCK_SKEW_MS,
  MAX_FPS,
  MAX_FRAME_BURST,
  MAX_FRAME_PIXELS,
  MAX_JITTER_BUFFER_S,
  MAX_PACKETS_PER_SECOND,
} from './limits.ts';
import type { AudioIn, StatsSample, VideoIn } from './stats-sample.ts';

/** The first implausible value found: its dot path (`samples.3.vi.by`) and why. */
export type Implausible = { field: string; message: string };

/** Cumulative counters that only grow while a stream continues (`pl` may decrease by spec, so it is not here). */
const VIDEO_MONOTONIC = [
  'pr',
  'fd',
  'frx',
  'fdr',
  'kf',
  'fz',
  'fzd',
  'pa',
  'pad',
  'jbd',
  'jbe',
  'qp',
  'nk',
  'pli',
  'dt',
] as const;
const AUDIO_MONOTONIC = ['pr', 'tsr', 'cs', 'scs', 'ce', 'jbd', 'jbe'] as const;

const hours = (ms: number): string => `${Math.round(ms / 3_600_000)} h`;

/** A viewer timestamp more than `MAX_CLOCK_SKEW_MS` away from the server's `now`. */
export function checkTimestamp(t: number, now: number, field = 't'): Implausible | null {
  if (Math.abs(t - now) <= MAX_CLOCK_SKEW_MS) return null;
  return { field, message: `is ${hours(t - now)} away from the server clock (at most ${hours(MAX_CLOCK_SKEW_MS)})` };
}

const rateIssue = (field: string, what: string, rate: number, bound: string): Implausible => ({
  field,
  message: `implies ${Math.round(rate).toLocaleString('en')} ${what}, beyond ${bound}`,
});

/** The delta of `key` over `dt` seconds exceeds `perSecond` (plus `burst`). */
function overRate(
  cur: number | undefined,
  prev: number | undefined,
  dt: number,
  perSecond: number,
  burst = 0,
): number | null {
  if (cur === undefined || prev === undefined) return null;
  return cur - prev > perSecond * dt + burst ? (cur - prev) / dt : null;
}

/**
 * One stream from `prev` to `cur`. A new SSRC or fewer bytes than before is a new stream or a restarted
 * connection (its counters start again), so only a continuing stream is checked.
 */
function checkStream(
  kind: 'vi' | 'au',
  cur: VideoIn | AudioIn | undefined,
  prev: VideoIn | AudioIn | undefined,
  dt: number,
  at: string,
): Implausible | null {
  if (!cur || !prev || cur.ss !== prev.ss || cur.by < prev.by) return null;
  const field = (key: string) => `${at}.${kind}.${key}`;
  const c = cur as Partial<Record<string, number | string | boolean>>;
  const p = prev as Partial<Record<string, number | string | boolean>>;
  for (const key of kind === 'vi' ? VIDEO_MONOTONIC : AUDIO_MONOTONIC) {
    const a = c[key];
    const b = p[key];
    if (typeof a === 'number' && typeof b === 'number' && a < b) {
      return {
        field: field(key),
        message: `went down from ${b} to ${a} while the stream continued (a cumulative counter)`,
      };
    }
  }
  const kbps = overRate((8 * cur.by) / 1000, (8 * prev.by) / 1000, dt, MAX_BITRATE_KBPS);
  if (kbps !== null) return rateIssue(field('by'), 'kbit/s', kbps, `${MAX_BITRATE_KBPS / 1_000_000} Gbit/s`);
  const pps = overRate(cur.pr, prev.pr, dt, MAX_PACKETS_PER_SECOND);
  if (pps !== null) return rateIssue(field('pr'), 'packets/s', pps, `${MAX_PACKETS_PER_SECOND}`);
  if (kind === 'vi') {
    const v = cur as VideoIn;
    const pv = prev as VideoIn;
    for (const key of ['fd', 'frx', 'fz'] as const) {
      const fps = overRate(v[key], pv[key], dt, MAX_FPS, MAX_FRAME_BURST);
      if (fps !== null) return rateIssue(field(key), 'frames/s', fps, `${MAX_FPS} fps`);
    }
  } else {
    const a = cur as AudioIn;
    const pa = prev as AudioIn;
    const sps = overRate(a.tsr, pa.tsr, dt, MAX_AUDIO_SAMPLES_PER_SECOND);
    if (sps !== null) return rateIssue(field('tsr'), 'samples/s', sps, `${MAX_AUDIO_SAMPLES_PER_SECOND}`);
  }
  if (cur.jbd !== undefined && prev.jbd !== undefined && cur.jbe !== undefined && prev.jbe !== undefined) {
    // One emitted frame or sample of slack: the two counters are read together, but rounded separately.
    if (cur.jbd - prev.jbd > MAX_JITTER_BUFFER_S * (cur.jbe - prev.jbe + 1)) {
      return {
        field: field('jbd'),
        message: `implies a jitter-buffer delay beyond ${MAX_JITTER_BUFFER_S} s per frame or sample`,
      };
    }
  }
  return null;
}

/** What one sample says by itself: its timestamp and its frame size. */
function checkSample(s: StatsSample, now: number, at: string): Implausible | null {
  const time = checkTimestamp(s.t, now, `${at}.t`);
  if (time) return time;
  if (s.vi?.w !== undefined && s.vi.h !== undefined && s.vi.w * s.vi.h > MAX_FRAME_PIXELS) {
    return { field: `${at}.vi.w`, message: `${s.vi.w}×${s.vi.h} is larger than 8K (${MAX_FRAME_PIXELS} pixels)` };
  }
  return null;
}

/**
 * A `viewer:stats` batch: each sample by itself, then each pair in the order the server applies them (by seq,
 * later in time than the one before), starting from `previous`, the session's newest stored sample.
 */
export function checkStatsBatch(
  samples: readonly StatsSample[],
  previous: StatsSample | undefined,
  now: number,
): Implausible | null {
  for (const [i, s] of samples.entries()) {
    const issue = checkSample(s, now, `samples.${i}`);
    if (issue) return issue;
  }
  const order = [...samples.entries()].sort(([, a], [, b]) => a.seq - b.seq);
  let last = previous;
  for (const [i, s] of order) {
    if (last && s.t <= last.t) continue; // a duplicate or out of order in time: the server does not derive from it
    if (last) {
      const dt = (s.t - last.t) / 1000;
      const issue =
        checkStream('vi', s.vi, last.vi, dt, `samples.${i}`) ?? checkStream('au', s.au, last.au, dt, `samples.${i}`);
      if (issue) return issue;
    }
    last = s;
  }
  return null;
}
