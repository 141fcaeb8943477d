/**
 * @module WatchSession: the viewer's way in, as reactive state. Pre-flight → join attempts (with backoff after
 * abnormal ends) → first frame → playing, reporting every funnel stage and failure as it happens. The browser,
 * the SDK, time and the Kansoku connection are all injected.
 */
import type { FailureReport, FunnelStage } from '../../../shared/funnel.ts';
import type { PublicEvent } from '../../../shared/sora-webhook.ts';
import { VIEWER_TOKEN_METADATA_KEY } from '../../../shared/sora-webhook.ts';
import type { Collector } from '../collector/collector.ts';
import type { Timers } from '../../../shared/timers.ts';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './join/backoff.ts';
import { RETRYABLE, type Classified } from './join/classify.ts';
import { startAttempt, type Attempt, type AttemptConnection } from './join/join-attempt.ts';
import { SfuCountThrottle } from './join/notify-count.ts';
import { isBlocking, toPreflight, type CheckItem, type CheckTarget } from './preflight/checks.ts';

export type WatchPhase =
  'checking' | 'checked' | 'blocked' | 'joining' | 'connected' | 'watching' | 'reconnecting' | 'failed' | 'shutdown';

export type JoinPlan = {
  signalingUrls: string[];
  channelId: string;
  videoCodecType: string;
  metadata: Record<string, unknown> | null;
};

export type WatchDeps = {
  timers: Timers;
  now: () => number;
  random: () => number;
  reporter: Pick<Collector, 'sendFunnel' | 'sendFailure' | 'sendPreflight' | 'sendSfuCount'>;
  openConnection(plan: JoinPlan): AttemptConnection;
  runChecks(target: CheckTarget): Promise<CheckItem[]>;
  backoff?: BackoffPolicy;
};

export type WatchOptions = {
  mode: 'watch' | 'check';
  token: string | null;
  joinTimeoutMs: number;
  noMediaTimeoutMs: number;
};

const RANK: Record<FunnelStage, number> = {
  page: 0,
  preflight: 1,
  signaling: 2,
  offer: 3,
  connected: 4,
  'first-frame': 5,
  playing: 6,
};

export class WatchSession {
  phase = $state<WatchPhase>('checking');
  checks = $state.raw<CheckItem[] | null>(null);
  failure = $state.raw<Classified | null>(null);
  stream = $state.raw<MediaStream | null>(null);
  /** Whole seconds until the next automatic attempt (counts down), or null. */
  retryInSeconds = $state<number | null>(null);
  /** Connected, but no frame within the no-media timeout. */
  waitingForMedia = $state(false);
  muted = $state(true);
  /** The video played at least once on this page (later troubles are "connection lost", not "could not connect"). */
  everPlayed = $state(false);
  autoplayBlocked = $state(false);

  readonly #deps: WatchDeps;
  readonly #event: PublicEvent & { sora: NonNullable<PublicEvent['sora']> };
  readonly #options: WatchOptions;
  readonly #sfu: SfuCountThrottle;
  #attempt: Attempt | null = null;
  #current: object | null = null;
  #stage: FunnelStage = 'preflight';
  #retries = 0;
  #timers: unknown[] = [];

  constructor(event: PublicEvent & { sora: NonNullable<PublicEvent['sora']> }, options: WatchOptions, deps: WatchDeps) {
    this.#event = event;
    this.#options = options;
    this.#deps = deps;
    this.#sfu = new SfuCountThrottle((count) => deps.reporter.sendSfuCount(count), deps.timers);
  }

  /** The current peer connection (the collector reads it at every poll). */
  get pc(): RTCPeerConnection | null {
    return this.#attempt?.pc ?? null;
  }

  async start(): Promise<void> {
    this.phase = 'checking';
    const { sora, minChromeVersion } = this.#event;
    const checks = await this.#deps.runChecks({
      minChromeVersion,
      videoCodecType: sora.videoCodecType,
      signalingUrls: sora.signalingUrls,
    });
    this.checks = checks;
    this.#deps.reporter.sendPreflight(toPreflight(checks, this.#deps.now()));
    if (this.#options.mode === 'check') this.phase = 'checked';
    else if (isBlocking(checks)) this.phase = 'blocked';
    else this.join();
  }

  /** A new attempt now (first join, "try anyway", "try again", or a scheduled retry). */
  join(): void {
    this.#clearTimers();
    this.#attempt?.stop();
    this.failure = null;
    this.waitingForMedia = false;
    this.stream = null;
    this.phase = 'joining';
    this.#stage = 'signaling';
    const sora = this.#event.sora;
    const metadata =
      this.#options.token === null
        ? sora.metadata
        : { ...sora.metadata, [VIEWER_TOKEN_METADATA_KEY]: this.#options.token };
    const connection = this.#deps.openConnection({ ...sora, metadata });
    const { timers, now, reporter } = this.#deps;
    // Callbacks of an attempt that has been replaced are ignored (the SDK may still report while it winds down).
    const attempt = {};
    this.#current = attempt;
    this.#attempt = startAttempt(
      connection,
      { timers, now, joinTimeoutMs: this.#options.joinTimeoutMs },
      {
        stage: (stage, t) => {
          if (this.#current !== attempt) return;
          this.#reach(stage);
          reporter.sendFunnel({ stage, t });
          if (stage === 'connected' && this.phase === 'joining') this.phase = 'connected';
        },
        stream: (stream) => {
          if (this.#current === attempt) this.stream = stream;
        },
        sfuCount: (count) => this.#sfu.push(count),
        joined: () => {
          if (this.#current === attempt && RANK[this.#stage] < RANK['first-frame'])
            this.#after(this.#options.noMediaTimeoutMs, () => this.#noMedia());
        },
        failed: (failure) => this.#onEnd(attempt, failure),
        ended: (failure) => this.#onEnd(attempt, failure),
      },
    );
  }

  /** The player decoded its first frame. */
  firstFrame(): void {
    if (RANK[this.#stage] >= RANK['first-frame'] || !this.#attempt) return;
    this.#reach('first-frame');
    this.waitingForMedia = false;
    this.#deps.reporter.sendFunnel({ stage: 'first-frame', t: this.#deps.now() });
  }

  /** The `<video>` is playing. */
  playing(): void {
    if (this.#stage === 'playing' || !this.#attempt) return;
    this.firstFrame();
    this.#reach('playing');
    this.#retries = 0;
    this.everPlayed = true;
    this.phase = 'watching';
    this.#deps.reporter.sendFunnel({ stage: 'playing', t: this.#deps.now() });
  }

  /** `video.play()` was refused: a warning (the viewer can press play), reported once. */
  autoplayFailed(error: unknown): void {
    if (this.autoplayBlocked) return;
    this.autoplayBlocked = true;
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    this.#report({ category: 'autoplay-blocked', title: name, message: message.slice(0, 500) });
  }

  unmuted(): void {
    this.muted = false;
    this.autoplayBlocked = false;
  }

  stop(): void {
    this.#clearTimers();
    this.#sfu.stop();
    this.#attempt?.stop();
    this.#attempt = null;
    this.#current = null;
  }

  #onEnd(attempt: object, failure: Classified): void {
    if (this.#current !== attempt) return;
    this.#report(failure);
    this.stream = null;
    this.#clearTimers();
    if (failure.category === 'shutdown') {
      this.phase = 'shutdown';
      return;
    }
    const delay = RETRYABLE.has(failure.category)
      ? retryDelay(this.#retries + 1, this.#deps.random(), this.#deps.backoff ?? DEFAULT_BACKOFF)
      : null;
    if (delay === null) {
      this.phase = 'failed';
      return;
    }
    this.#retries += 1;
    this.phase = 'reconnecting';
    const due = this.#deps.now() + delay;
    const countdown = () => {
      this.retryInSeconds = Math.max(0, Math.ceil((due - this.#deps.now()) / 1000));
      if (this.retryInSeconds > 0) this.#after(Math.min(1_000, due - this.#deps.now()), countdown);
    };
    countdown();
    this.#after(delay, () => this.join());
  }

  #noMedia(): void {
    if (RANK[this.#stage] >= RANK['first-frame']) return;
    this.waitingForMedia = true;
    const seconds = Math.round(this.#options.noMediaTimeoutMs / 1000);
    this.#report({
      category: 'no-media',
      title: 'NO-MEDIA',
      message: `no decoded frame ${seconds} s after connecting`,
    });
  }

  #report(failure: Classified): void {
    this.failure = failure;
    const report: FailureReport = { ...failure, t: this.#deps.now(), stage: this.#stage };
    this.#deps.reporter.sendFailure(report);
  }

  #reach(stage: FunnelStage): void {
    if (RANK[stage] > RANK[this.#stage]) this.#stage = stage;
  }

  #after(ms: number, fn: () => void): void {
    this.#timers.push(this.#deps.timers.setTimeout(fn, ms));
  }

  #clearTimers(): void {
    for (const timer of this.#timers) this.#deps.timers.clearTimeout(timer);
    this.#timers = [];
    this.retryInSeconds = null;
  }
}
