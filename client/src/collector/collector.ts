/** @module The viewer-side collector: polls getStats, buffers samples, and ships them and one-off messages to the server. */
import type { SfuCount } from '../../../shared/events.ts';
import type { FailureReport, FunnelStage, FunnelStep, Preflight } from '../../../shared/funnel.ts';
import { MAX_REPORT_SAMPLES, POLL_INTERVAL_MS, SAMPLE_BUFFER_CAPACITY } from '../../../shared/limits.ts';
import type { StatsSample } from '../../../shared/stats-sample.ts';
import { BatchSender } from './batch-sender.ts';
import { MessageOutbox } from './message-outbox.ts';
import type { CollectorSocket, Timers } from './ports.ts';
import type { ViewerCredentials } from './viewer-pass.ts';
import { globalTimers } from './ports.ts';
import { RecentSamples } from './recent-samples.ts';
import { SampleBuffer } from './sample-buffer.ts';
import type { StatsReportLike } from './summarize-stats.ts';
import { summarizeStats } from './summarize-stats.ts';

export type CollectorOptions = {
  /** `pc.getStats()`; may resolve null (no peer connection right now) or throw: that poll is skipped. */
  getStats: () => Promise<StatsReportLike | null>;
  /** `pc.connectionState`. */
  peerState: () => string;
  socket: CollectorSocket;
  eventId: string;
  /** The session and ticket beacons carry (null before the first ticket: beaconable messages then wait in the queue). */
  credentials: () => ViewerCredentials | null;
  timers?: Timers;
  now?: () => number;
  visibility?: () => 'v' | 'h';
  /** `navigator.sendBeacon`-like; used for failures while the socket is down. */
  beacon?: (url: string, body: string) => boolean;
  /** Where beacons go; `POST /api/beacon` on the page's origin by default. */
  beaconUrl?: string;
  bufferCapacity?: number;
  ackTimeoutMs?: number;
  /** Jitter of the backoff after repeated failed acks (tests inject it). */
  random?: () => number;
};

export type CollectorStats = {
  /** Highest seq assigned so far (0 before the first sample). */
  seq: number;
  buffered: number;
  /** Samples pushed out of the full buffer before they could be sent. */
  dropped: number;
  acked: number;
  rejected: number;
  batches: number;
  failedAcks: number;
  /** Polls skipped: getStats threw, had no peer connection, or the previous poll was still running. */
  skippedPolls: number;
  sendIntervalMs: number;
  inFlight: boolean;
  queuedMessages: number;
  beacons: number;
};

export type Collector = {
  start(): void;
  /** Stops polling and sending; while offline, queued messages go out as beacons. */
  stop(): void;
  /**
   * The viewer is leaving (pagehide, or the page is done with the player): stops like `stop()`, then sends
   * `kind: 'leave'` as a beacon, even while connected, so the session ends now instead of after the server's
   * reconnect grace. Once per collector.
   */
  leave(): void;
  /** `t` defaults to `now()`. */
  sendFunnel(step: FunnelStage | FunnelStep): void;
  sendFailure(report: FailureReport): void;
  sendPreflight(preflight: Preflight): void;
  sendSfuCount(count: SfuCount): void;
  stats(): CollectorStats;
  /** Copies of the newest samples (at most `MAX_REPORT_SAMPLES`) within `windowMs` of the newest, oldest first; sent or not. */
  recentSamples(windowMs: number): StatsSample[];
};

export function createCollector(options: CollectorOptions): Collector {
  const { socket } = options;
  const timers = options.timers ?? globalTimers();
  const now = options.now ?? (() => Date.now());
  const buffer = new SampleBuffer(options.bufferCapacity ?? SAMPLE_BUFFER_CAPACITY);
  const sender = new BatchSender({
    socket,
    buffer,
    timers,
    ackTimeoutMs: options.ackTimeoutMs,
    now,
    random: options.random,
    onIntervalChange: () => reschedule(),
    onResume: (offset) => {
      seq += offset;
    },
  });
  const outbox = new MessageOutbox(options);
  const recent = new RecentSamples(MAX_REPORT_SAMPLES);
  let seq = 0;
  let skippedPolls = 0;
  let polling = false;
  let running = false;
  let left = false;
  let pollTimer: unknown;
  let sendTimer: unknown;
  /** When the last send tick ran (or, before the first, the moment it is counted from). */
  let lastTickAt = 0;

  async function poll(): Promise<void> {
    if (polling) {
      skippedPolls += 1; // a getStats call that takes longer than a poll interval
      return;
    }
    polling = true;
    try {
      const report = await options.getStats();
      if (!running) return;
      if (!report) {
        skippedPolls += 1;
        return;
      }
      const context = { state: options.peerState(), visibility: options.visibility?.(), now: now() };
      seq += 1;
      const sample = summarizeStats(report, seq, context);
      buffer.push(sample);
      recent.push(sample);
    } catch {
      skippedPolls += 1; // a closed or replaced peer connection; the next poll tries again
    } finally {
      polling = false;
    }
  }

  /** Arms the next send tick one interval after the last one; called again when the server changes the interval. */
  function reschedule(): void {
    if (!running) return;
    timers.clearTimeout(sendTimer);
    sendTimer = timers.setTimeout(
      () => {
        lastTickAt = now();
        sender.tick();
        reschedule();
      },
      Math.max(0, lastTickAt + sender.intervalMs - now()),
    );
  }

  const onConnect = (): void => {
    sender.connected();
    outbox.flush();
  };
  const onDisconnect = (): void => sender.disconnected();

  function stop(): void {
    if (!running) return;
    running = false;
    timers.clearInterval(pollTimer);
    timers.clearTimeout(sendTimer);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    if (!socket.connected) outbox.beaconQueued();
  }

  return {
    start() {
      if (running || left) return;
      running = true;
      socket.on('connect', onConnect);
      socket.on('disconnect', onDisconnect);
      pollTimer = timers.setInterval(() => void poll(), POLL_INTERVAL_MS);
      // Sends run half a poll after the polls, so a 2 s batch carries the two samples polled just before it.
      lastTickAt = now() + POLL_INTERVAL_MS / 2;
      reschedule();
      if (socket.connected) onConnect();
    },
    stop,
    leave() {
      if (left) return;
      left = true;
      stop();
      outbox.leave(now());
    },
    sendFunnel(step) {
      outbox.send({ kind: 'funnel', payload: typeof step === 'string' ? { stage: step, t: now() } : step });
    },
    sendFailure(report) {
      outbox.send({ kind: 'failure', payload: report });
    },
    sendPreflight(preflight) {
      outbox.send({ kind: 'preflight', payload: preflight });
    },
    sendSfuCount(count) {
      outbox.send({ kind: 'sfu-count', payload: count });
    },
    stats() {
      return {
        seq,
        buffered: buffer.size,
        dropped: buffer.dropped,
        ...sender.counters,
        skippedPolls,
        sendIntervalMs: sender.intervalMs,
        inFlight: sender.inFlight,
        queuedMessages: outbox.queued,
        beacons: outbox.counters.beacons,
      };
    },
    recentSamples: (windowMs) => recent.within(windowMs),
  };
}
