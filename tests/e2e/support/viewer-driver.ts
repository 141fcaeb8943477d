/**
 * @module A small test-only crowd: N socket.io viewers on `/viewer` that walk the join funnel and send realistic
 * `viewer:stats` batches (cumulative counters growing each second, varied codecs and clients, one lossy viewer),
 * plus a failing viewer whose report carries HTML-like text. Not the demo simulator: just enough for e2e tests.
 */
import { io, type Socket } from 'socket.io-client';
import { VIEWER_NAMESPACE, type ViewerClientEvents, type ViewerServerEvents } from '../../../shared/events.ts';
import { FUNNEL_STAGES, type FailureReport, type FunnelStage } from '../../../shared/funnel.ts';
import type { StatsSample } from '../../../shared/stats-sample.ts';
import { withTestTicket } from '../../helpers/clients.ts';

type ViewerSocket = Socket<ViewerServerEvents, ViewerClientEvents>;

export const UA = {
  chromeWin:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/155.0.0.0 Safari/537.36',
  edgeWin:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15',
  safariIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1',
  /** A user agent carrying markup: it must end up as inert text wherever it shows. */
  hostile: 'Mozilla/5.0 <img src=x onerror="window.__pwned=1"> (X11; Linux x86_64) Gecko/20100101 <b>Evil</b>/1.0',
} as const;

/** Markup in a failure report; the dashboard must show it literally and never create the element. */
export const HOSTILE_TEXT = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

export type SimViewer = {
  sessionId: string;
  ua: string;
  codec: 'AV1' | 'VP9' | 'VP8' | 'H264';
  /** Video payload bitrate, kbit/s. */
  kbps: number;
  height: number;
  fps?: number;
  /** Percent of video packets lost. */
  lossPct?: number;
  rttMs?: number;
  /** Jitter-buffer delay per frame, ms. */
  jitterBufferMs?: number;
  /** Bitrate swing as a fraction of `kbps` (0…0.9), a slow sine so charts move like real ones. */
  wobble?: number;
  /** Stop the funnel here and send no stats (a viewer still joining). */
  stopAt?: FunnelStage;
  /** Report this failure right after connecting. */
  failure?: FailureReport;
};

const DECODERS = { AV1: 'dav1d', VP9: 'libvpx', VP8: 'libvpx', H264: 'FFmpeg' } as const;

/**
 * Seconds of streaming at the average rate after `s` seconds (the integral of a sine-modulated rate: never decreasing).
 */
function streamed(v: SimViewer, s: number): number {
  const a = Math.min(0.9, v.wobble ?? 0);
  const period = 40 + (v.sessionId.length % 7) * 9;
  const phase = v.sessionId.charCodeAt(v.sessionId.length - 1);
  return s - a * period * (Math.cos(s / period + phase) - Math.cos(phase));
}

/** Cumulative sample number `seq` (one per second of streaming) of a viewer streaming at its rates. */
export function sampleFor(v: SimViewer, seq: number, t: number): StatsSample {
  const fps = v.fps ?? 30;
  const videoPackets = Math.round((v.kbps * 1000) / 8 / 1100); // ~1100-byte packets per second
  const lost = Math.round((videoPackets * seq * (v.lossPct ?? 0)) / 100);
  const jb = (v.jitterBufferMs ?? 40) / 1000;
  return {
    seq,
    t,
    st: 'connected',
    vis: 'v',
    vi: {
      ss: 1000 + v.sessionId.length,
      c: v.codec,
      by: Math.round((v.kbps * 1000 * streamed(v, seq)) / 8),
      pr: videoPackets * seq,
      pl: lost,
      fd: fps * seq,
      frx: fps * seq,
      fdr: 0,
      kf: 1 + Math.floor(seq / 10),
      w: Math.round((v.height * 16) / 9),
      h: v.height,
      fps,
      fz: 0,
      fzd: 0,
      j: 0.004,
      jbd: jb * fps * seq,
      jbe: fps * seq,
      lp: 20,
      dec: DECODERS[v.codec],
    },
    au: {
      ss: 2000 + v.sessionId.length,
      c: 'OPUS',
      by: 4_000 * seq,
      pr: 50 * seq,
      pl: 0,
      j: 0.002,
      tsr: 48_000 * seq,
      cs: 0,
      scs: 0,
      jbd: 0.04 * 48_000 * seq,
      jbe: 48_000 * seq,
    },
    ne: { rtt: (v.rttMs ?? 25) / 1000, lt: 'host', rt: 'host', pr: 'udp', spc: 1 },
  };
}

/** A varied crowd: mostly AV1 on Chrome/Edge, some VP9/VP8/H.264 on Firefox and Safari, one lossy, one joining. */
export function typicalCrowd(n = 12): SimViewer[] {
  const base: Array<Omit<SimViewer, 'sessionId'>> = [
    { ua: UA.chromeWin, codec: 'AV1', kbps: 2400, height: 1080 },
    { ua: UA.chromeMac, codec: 'AV1', kbps: 2100, height: 1080 },
    { ua: UA.edgeWin, codec: 'AV1', kbps: 1800, height: 1080, rttMs: 60 },
    { ua: UA.firefoxLinux, codec: 'VP9', kbps: 1500, height: 720, jitterBufferMs: 80 },
    { ua: UA.safariMac, codec: 'H264', kbps: 1300, height: 720, rttMs: 45 },
    { ua: UA.safariIos, codec: 'H264', kbps: 650, height: 480, rttMs: 90, jitterBufferMs: 120 },
    { ua: UA.chromeWin, codec: 'VP8', kbps: 900, height: 720 },
    // the lossy one
    { ua: UA.chromeWin, codec: 'AV1', kbps: 180, height: 360, lossPct: 8, rttMs: 420, jitterBufferMs: 600 },
    { ua: UA.chromeMac, codec: 'AV1', kbps: 2600, height: 1080 },
    { ua: UA.edgeWin, codec: 'AV1', kbps: 2000, height: 1080 },
    { ua: UA.firefoxLinux, codec: 'AV1', kbps: 1700, height: 1080, lossPct: 1.5 },
    { ua: UA.chromeWin, codec: 'AV1', kbps: 0, height: 0, stopAt: 'signaling' }, // still joining
  ];
  return Array.from({ length: n }, (_, i) => ({
    ...(base[i % base.length] as Omit<SimViewer, 'sessionId'>),
    sessionId: `sim-viewer-${String(i + 1).padStart(4, '0')}`,
  }));
}

/** A viewer whose join fails, reported with markup in every free-text field and a hostile user agent. */
export function failingViewer(sessionId = 'sim-viewer-fail-0001'): SimViewer {
  return {
    sessionId,
    ua: UA.hostile,
    codec: 'AV1',
    kbps: 0,
    height: 0,
    stopAt: 'offer',
    failure: {
      category: 'ice-failed',
      t: Date.now(),
      stage: 'offer',
      title: HOSTILE_TEXT,
      message: `ICE failed ${HOSTILE_TEXT}`,
      reason: '<b>bold?</b>',
    },
  };
}

export type Crowd = {
  sockets: ViewerSocket[];
  /** Sends Sora's count as one viewer saw it. */
  sfuCount(recvonly: number): Promise<void>;
  stop(): void;
};

const once = (socket: ViewerSocket): Promise<void> =>
  new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

/**
 * Connects every viewer, walks its funnel, and from then on sends two samples every 2 s (1 s polling) until
 * `stop()`. Samples carry wall-clock timestamps so the server sees fresh data.
 */
export async function startCrowd(url: string, eventId: string, viewers: readonly SimViewer[]): Promise<Crowd> {
  const sockets: ViewerSocket[] = [];
  const timers: Array<ReturnType<typeof setInterval>> = [];
  for (const v of viewers) {
    const socket: ViewerSocket = io(`${url}${VIEWER_NAMESPACE}`, {
      auth: withTestTicket({ eventId, sessionId: v.sessionId }),
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { 'user-agent': v.ua },
    });
    sockets.push(socket);
    await once(socket);
    await socket.emitWithAck('viewer:hello', {});
    const last = FUNNEL_STAGES.indexOf(v.stopAt ?? 'playing');
    const t0 = Date.now();
    for (const [i, stage] of FUNNEL_STAGES.entries()) {
      if (i > last) break;
      await socket.emitWithAck('viewer:funnel', { stage, t: t0 + i * 150 });
    }
    if (v.failure) await socket.emitWithAck('viewer:failure', { ...v.failure, t: Date.now() });
    if (v.stopAt !== undefined) continue;
    let seq = 0;
    const send = () => {
      const now = Date.now();
      const samples = [sampleFor(v, ++seq, now - 1000), sampleFor(v, ++seq, now)];
      socket.emit('viewer:stats', { samples }, () => {});
    };
    send();
    timers.push(setInterval(send, 2_000));
  }
  return {
    sockets,
    async sfuCount(recvonly) {
      await sockets[0]?.emitWithAck('viewer:sfu-count', { t: Date.now(), recvonly });
    },
    stop() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.disconnect();
    },
  };
}
