/**
 * @module Derived metrics from two cumulative samples of one viewer (reference/getstats.md §3).
 * Pure; used by the server's aggregator and by the dashboard to chart a viewer's snapshot.
 * Deltas are taken per stream only when the SSRC is unchanged and no counter went backwards; otherwise
 * that stream restarts from the new sample (a reset), and the interval contributes nothing for it.
 */
import { videoCodecName, type CodecName } from './codec-name.ts';
import {
  MAX_AUDIO_SAMPLES_PER_SECOND,
  MAX_BITRATE_KBPS,
  MAX_FPS,
  MAX_FRAME_BURST,
  MAX_JITTER_BUFFER_S,
  MAX_PACKETS_PER_SECOND,
} from './limits.ts';
import type { AudioIn, StatsSample, VideoIn } from './stats-sample.ts';

export type ViewerMetrics = {
  /** Interval length in ms (from the stats timestamps). */
  dtMs: number;
  /** Payload bitrate of video + audio, kbit/s. */
  kbps: number | null;
  videoKbps: number | null;
  /** Packet loss of video + audio over the interval, percent. */
  lossPct: number | null;
  /** RFC 3550 jitter of the video stream (audio when there is no video), ms. */
  jitterMs: number | null;
  /** Average video jitter-buffer delay per emitted frame, ms. */
  jitterBufferMs: number | null;
  rttMs: number | null;
  /** Decoded frames per second. */
  fps: number | null;
  width: number | null;
  height: number | null;
  /** Freezes that ended in the interval, and their total duration. */
  freezes: number;
  freezeMs: number;
  /** Audible audio concealment: concealed minus silent-concealed samples, percent of received. */
  concealPct: number | null;
  /** No video frame decoded and no packet for 2 s while the peer is connected. */
  stalled: boolean;
  /** The video codec folded into the known set (`other` for anything else). */
  codec: CodecName | null;
};

/** What deriveMetrics reads from the older sample of an interval: its time and the cumulative counters it diffs. */
export type VideoCounters = Pick<VideoIn, 'ss' | 'by' | 'pr' | 'pl' | 'fd' | 'jbd' | 'jbe' | 'fz' | 'fzd'>;
export type AudioCounters = Pick<AudioIn, 'ss' | 'by' | 'pr' | 'pl' | 'tsr' | 'cs' | 'scs'>;
/** A StatsSample is one; the server's per-viewer ring keeps only these (server/live/counter-ring.ts). */
export type SampleCounters = { t: number; vi?: VideoCounters; au?: AudioCounters };

const diff = (cur: number | undefined, prev: number | undefined): number | null =>
  cur === undefined || prev === undefined ? null : cur - prev;

/**
 * True when the stream is the same object as before, its monotonic counters did not go backwards and its byte and
 * packet rates are physically possible (issue 10: one forged counter made the bitrate p90 7.2e16 kbps).
 */
function continues(
  cur: VideoIn | AudioIn | undefined,
  prev: VideoCounters | AudioCounters | undefined,
  dt: number,
): boolean {
  if (!cur || !prev || cur.ss !== prev.ss) return false;
  if (cur.by < prev.by || cur.pr < prev.pr) return false;
  return (8 * (cur.by - prev.by)) / 1000 <= MAX_BITRATE_KBPS * dt && cur.pr - prev.pr <= MAX_PACKETS_PER_SECOND * dt;
}

/** A delta that fits `perSecond` over `dt` (plus `burst`), else null: an implausible rate is not reported. */
const bounded = (delta: number | null, perSecond: number, dt: number, burst = 0): number | null =>
  delta !== null && delta <= perSecond * dt + burst ? delta : null;

function loss(cur: VideoIn | AudioIn, prev: VideoCounters | AudioCounters): { lost: number; received: number } {
  return { lost: Math.max(0, cur.pl - prev.pl), received: cur.pr - prev.pr };
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Metrics for the interval between `prev` and `cur`; null when the interval is empty or runs backwards. */
export function deriveMetrics(prev: SampleCounters, cur: StatsSample): ViewerMetrics | null {
  const dtMs = cur.t - prev.t;
  if (!(dtMs > 0)) return null;
  const dt = dtMs / 1000;
  const video = continues(cur.vi, prev.vi, dt) ? { cur: cur.vi as VideoIn, prev: prev.vi as VideoCounters } : null;
  const audio = continues(cur.au, prev.au, dt) ? { cur: cur.au as AudioIn, prev: prev.au as AudioCounters } : null;

  const videoBytes = video ? video.cur.by - video.prev.by : null;
  const audioBytes = audio ? audio.cur.by - audio.prev.by : null;
  const bytes = videoBytes === null && audioBytes === null ? null : (videoBytes ?? 0) + (audioBytes ?? 0);

  let lost = 0;
  let received = 0;
  for (const stream of [video, audio]) {
    if (!stream) continue;
    const l = loss(stream.cur, stream.prev);
    lost += l.lost;
    received += l.received;
  }
  const lossPct = video || audio ? (lost + received > 0 ? round((100 * lost) / (lost + received), 3) : 0) : null;

  const framesDecoded = video ? bounded(diff(video.cur.fd, video.prev.fd), MAX_FPS, dt, MAX_FRAME_BURST) : null;
  const jbd = video ? diff(video.cur.jbd, video.prev.jbd) : null;
  const jbe = video ? diff(video.cur.jbe, video.prev.jbe) : null;
  // A freeze needs frames around it: more freezes than frames could show is not a count to chart.
  const freezes = video
    ? Math.max(0, bounded(diff(video.cur.fz, video.prev.fz), MAX_FPS, dt, MAX_FRAME_BURST) ?? 0)
    : 0;
  const freezeSec = video ? Math.max(0, diff(video.cur.fzd, video.prev.fzd) ?? 0) : 0;

  let concealPct: number | null = null;
  if (audio) {
    const samples = bounded(diff(audio.cur.tsr, audio.prev.tsr), MAX_AUDIO_SAMPLES_PER_SECOND, dt);
    const concealed = diff(audio.cur.cs, audio.prev.cs);
    const silent = diff(audio.cur.scs, audio.prev.scs) ?? 0;
    if (samples !== null && concealed !== null && samples > 0) {
      concealPct = round(Math.min(100, (100 * Math.max(0, concealed - silent)) / samples), 3);
    }
  }

  const lastPacketMs = cur.vi?.lp ?? cur.au?.lp;
  const noFrames = cur.vi !== undefined && (framesDecoded === 0 || framesDecoded === null);
  const stalled = cur.st === 'connected' && noFrames && (lastPacketMs === undefined || lastPacketMs > 2000);

  return {
    dtMs,
    kbps: bytes === null ? null : round((8 * Math.max(0, bytes)) / dt / 1000, 1),
    videoKbps: videoBytes === null ? null : round((8 * Math.max(0, videoBytes)) / dt / 1000, 1),
    lossPct,
    jitterMs: (cur.vi?.j ?? cur.au?.j) === undefined ? null : round(1000 * (cur.vi?.j ?? cur.au?.j ?? 0), 1),
    jitterBufferMs:
      jbd !== null && jbe !== null && jbe > 0 && jbd <= MAX_JITTER_BUFFER_S * jbe
        ? round((1000 * Math.max(0, jbd)) / jbe, 1)
        : null,
    rttMs: cur.ne?.rtt === undefined ? null : round(1000 * cur.ne.rtt, 1),
    fps:
      framesDecoded !== null && framesDecoded >= 0
        ? round(Math.min(MAX_FPS, framesDecoded / dt), 1)
        : (cur.vi?.fps ?? null),
    width: cur.vi?.w ?? null,
    height: cur.vi?.h ?? null,
    freezes,
    freezeMs: Math.round(freezeSec * 1000),
    concealPct,
    stalled,
    codec: cur.vi?.c === undefined ? null : videoCodecName(cur.vi.c),
  };
}
