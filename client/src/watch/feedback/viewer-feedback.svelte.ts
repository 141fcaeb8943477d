/**
 * @module ViewerFeedback: the watch page's question form and "report a problem", as reactive state. Sends
 * `viewer:question` and `viewer:problem` (with the collector's last 30 s of samples and the browser's details)
 * over the collector's viewer socket, which exists as soon as the event has loaded, whether or not the video joined.
 */
import type { BrowserInfo, ProblemReport, ViewerQuestion } from '../../../../shared/question.ts';
import { MAX_REPORT_SAMPLES } from '../../../../shared/limits.ts';
import {
  MAX_WEB_NAME,
  MAX_WEB_QUESTION,
  PROBLEM_REPORT_INTERVAL_MS,
  REPORT_WINDOW_MS,
  WEB_QUESTION_INTERVAL_MS,
} from '../../../../shared/question.ts';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import type { Timers } from '../../../../shared/timers.ts';
import type { CollectorSocket } from '../../collector/ports.ts';
import { SendState } from './send-state.svelte.ts';

/** The viewer connection and the collector's recent samples (`attach()` gives both). */
export type FeedbackChannel = {
  socket: CollectorSocket;
  recentSamples(windowMs: number): StatsSample[];
};

export type FeedbackDeps = {
  timers: Timers;
  now: () => number;
  browser: () => BrowserInfo;
  ackTimeoutMs?: number;
};

export class ViewerFeedback {
  channel = $state.raw<FeedbackChannel | null>(null);
  /** The viewer socket is connected right now. */
  online = $state(false);
  name = $state('');
  text = $state('');
  description = $state('');
  reportOpen = $state(false);
  readonly question: SendState;
  readonly problem: SendState;

  canAsk: boolean;
  canReport: boolean;

  readonly #deps: FeedbackDeps;

  constructor(deps: FeedbackDeps) {
    this.#deps = deps;
    this.question = new SendState(deps.timers, deps.now, WEB_QUESTION_INTERVAL_MS, deps.ackTimeoutMs);
    this.problem = new SendState(deps.timers, deps.now, PROBLEM_REPORT_INTERVAL_MS, deps.ackTimeoutMs);
    this.canAsk = $derived(
      this.online &&
        this.text.trim() !== '' &&
        this.text.length <= MAX_WEB_QUESTION &&
        this.name.length <= MAX_WEB_NAME &&
        !this.question.blocked,
    );
    this.canReport = $derived(this.online && this.description.length <= MAX_WEB_QUESTION && !this.problem.blocked);
  }

  /** Starts using `channel` (once the page has its viewer socket). */
  connect(channel: FeedbackChannel): void {
    this.#release();
    this.channel = channel;
    this.online = channel.socket.connected;
    channel.socket.on('connect', this.#onConnect);
    channel.socket.on('disconnect', this.#onDisconnect);
  }

  dispose(): void {
    this.#release();
    this.question.dispose();
    this.problem.dispose();
  }

  /** Sends the question; the text is cleared once the server took it (the name stays for the next one). */
  async ask(): Promise<void> {
    const channel = this.channel;
    if (!channel || !this.canAsk) return;
    const name = this.name.trim();
    const question: ViewerQuestion = { t: this.#deps.now(), content: this.text.trim(), ...(name ? { name } : {}) };
    const sent = await this.question.send(
      (ack) => channel.socket.emit('viewer:question', question, ack),
      channel.socket.connected,
    );
    if (sent) this.text = '';
  }

  /** Sends a problem report with the last 30 s of samples (none when the video never played). */
  async report(): Promise<void> {
    const channel = this.channel;
    if (!channel || !this.canReport) return;
    const description = this.description.trim();
    const report: ProblemReport = {
      t: this.#deps.now(),
      samples: channel.recentSamples(REPORT_WINDOW_MS).slice(-MAX_REPORT_SAMPLES),
      browser: this.#deps.browser(),
      ...(description ? { description } : {}),
    };
    const sent = await this.problem.send(
      (ack) => channel.socket.emit('viewer:problem', report, ack),
      channel.socket.connected,
    );
    if (sent) {
      this.description = '';
      this.reportOpen = false;
    }
  }

  #release(): void {
    this.channel?.socket.off('connect', this.#onConnect);
    this.channel?.socket.off('disconnect', this.#onDisconnect);
  }

  #onConnect = (): void => {
    this.online = true;
  };

  #onDisconnect = (): void => {
    this.online = false;
  };
}
