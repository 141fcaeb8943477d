/**
 * @module One simulated viewer page: it plays journeys (funnel steps, maybe a failure, retries like the watch page),
 * polls the sample model once a second, and ships samples with the real collector's SampleBuffer, BatchSender and
 * MessageOutbox over a real socket.io connection, so acks, cadence changes and resends follow the real protocol.
 */
import { BatchSender } from '../../client/src/collector/batch-sender.ts';
import { MessageOutbox } from '../../client/src/collector/message-outbox.ts';
import { SampleBuffer } from '../../client/src/collector/sample-buffer.ts';
import { retryDelay } from '../../client/src/watch/join/backoff.ts';
import { RETRYABLE } from '../../client/src/watch/join/classify.ts';
import type { Beacon } from '../../shared/beacon.ts';
import type { FailureCategory, FailureReport } from '../../shared/funnel.ts';
import { POLL_INTERVAL_MS } from '../../shared/limits.ts';
import type { StatsSample } from '../../shared/stats-sample.ts';
import type { Timers } from '../clock.ts';
import { DROP_EVIDENCE, planJourney, planRejoin, preflightItems, type Journey } from './journey.ts';
import type { Rng } from './prng.ts';
import { beginOutage, connect, initialState, nextSample, peerState, setPeer, type ModelState } from './sample-model.ts';
import type { Persona } from './viewer-persona.ts';
import { tapStats, type OpenViewerSocket, type SignTicket } from './viewer-socket.ts';

export type SimViewerDeps = {
  eventId: string;
  sessionId: string;
  persona: Persona;
  rng: Rng;
  timers: Timers;
  now: () => number;
  openSocket: OpenViewerSocket;
  /** The viewer ticket of this session (a real page fetches it; the simulator holds the key). */
  sign: SignTicket;
  /** Mid-stream drops (packets stop until the SDK gives up) per hour of watching. */
  dropsPerHour: number;
  /** After a failure the viewer gives up on: close the page (`leave`, the default) or leave it open (`stay`). */
  giveUp?: 'leave' | 'stay';
  /** The page is closed for good. */
  onGone: () => void;
  /** Sends a beacon as `navigator.sendBeacon` would (the `leave` on pagehide); without it, leavers just vanish. */
  beacon?: (beacon: Beacon) => void;
  /** Bench hooks: change a sample before it is buffered; see each `viewer:stats` batch as it is emitted. */
  decorate?: (sample: StatsSample) => StatsSample;
  onBatch?: (batch: { at: number; samples: readonly StatsSample[] }) => void;
};

export type SimViewerState = 'joining' | 'watching' | 'failed' | 'gone';
export type SimViewerStats = {
  polled: number;
  lastSeq: number;
  maxEmittedSeq: number;
  acked: number;
  batches: number;
  buffered: number;
};

export type SimViewer = {
  readonly sessionId: string;
  readonly state: SimViewerState;
  start(): void;
  /** Closes the page; with `drain`, first waits (up to `drainMs`) until every buffered sample is acknowledged. */
  leave(drain?: boolean, drainMs?: number): Promise<void>;
  /**
   * A network blip: the socket drops, socket.io reconnects, the sender says hello and resends what is unacknowledged.
   */
  blip(): void;
  stats(): SimViewerStats;
};

export function createSimViewer(deps: SimViewerDeps): SimViewer {
  const { persona, rng, timers, now } = deps;
  const credentials = () => ({ sessionId: deps.sessionId, ticket: deps.sign(deps.eventId, deps.sessionId) });
  const socket = deps.openSocket(() => ({ eventId: deps.eventId, ...credentials() }), persona.browser.ua);
  let maxEmittedSeq = 0;
  const tapped = tapStats(socket, (samples) => {
    maxEmittedSeq = Math.max(maxEmittedSeq, samples.at(-1)?.seq ?? 0);
    deps.onBatch?.({ at: now(), samples });
  });
  const buffer = new SampleBuffer();
  const sender = new BatchSender({ socket: tapped, buffer, timers, onIntervalChange: () => reschedule() });
  const outbox = new MessageOutbox({ socket: tapped, eventId: deps.eventId, credentials });
  const handles = new Set<unknown>();
  let state: SimViewerState = 'joining';
  let model: ModelState | null = null;
  let polled = 0;
  let retries = 0;
  let pollTimer: unknown = null;
  let sendTimer: unknown = null;
  let lastTickAt = 0;
  let dropped = false;

  const later = (ms: number, fn: () => void): void => {
    const handle = timers.setTimeout(() => {
      handles.delete(handle);
      if (state !== 'gone') fn();
    }, ms);
    handles.add(handle);
  };
  const report = (failure: FailureReport): void => {
    // pre-flight ones ride on the preflight result
    if (failure.stage !== 'preflight') outbox.send({ kind: 'failure', payload: failure });
    state = 'failed';
  };

  /** The collector's send loop: one tick per interval, moved when the server asks for another cadence. */
  function reschedule(): void {
    if (state === 'gone') return;
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

  function poll(): void {
    if (!model) return;
    const dt = now() - model.t;
    if (state === 'watching' && model.outageMs === null && rng.chance((deps.dropsPerHour / 3_600_000) * dt))
      model = beginOutage(model);
    const step = nextSample(model, dt, rng);
    model = step.state;
    buffer.push(deps.decorate ? deps.decorate(step.sample) : step.sample);
    polled += 1;
    if (model.outageMs !== null && peerState(model) === 'failed' && !dropped) {
      dropped = true;
      report({ ...DROP_EVIDENCE, t: now() });
      stopPolling(); // the SDK closes the failed peer connection
      if (rng.chance(0.15))
        giveUp(2_000, 20_000); // some close the tab instead
      else retry('dropped');
    }
  }
  function stopPolling(): void {
    timers.clearInterval(pollTimer);
    pollTimer = null;
  }

  /** The viewer gives up some time between `minMs` and `maxMs` from now. */
  const giveUp = (minMs: number, maxMs: number): void => {
    if (deps.giveUp !== 'stay') later(rng.int(minMs, maxMs), () => void leave());
  };

  /** What the watch page does after a failed attempt: retry with backoff when retryable, else the viewer gives up. */
  function retry(category: FailureCategory): void {
    const delay = RETRYABLE.has(category) ? retryDelay(retries + 1, rng.next()) : null;
    if (delay === null) return giveUp(5_000, 60_000);
    retries += 1;
    later(delay, () => attempt(now(), planRejoin(persona, rng), 'signaling'));
  }

  /** Plays a journey from `startedAt`; `from` skips the stages a retry does not repeat (page, pre-flight). */
  function attempt(startedAt: number, journey: Journey, from: Journey['steps'][number]['stage'] = 'page'): void {
    dropped = false;
    for (const { stage, atMs } of journey.steps.slice(
      Math.max(
        0,
        journey.steps.findIndex((s) => s.stage === from),
      ),
    )) {
      later(atMs, () => {
        const t = startedAt + atMs;
        if (stage === 'preflight')
          outbox.send({
            kind: 'preflight',
            payload: { t, items: preflightItems(persona, journey.failure?.evidence ?? null) },
          });
        else outbox.send({ kind: 'funnel', payload: { stage, t } });
        if (stage === 'playing') [state, retries] = ['watching', 0];
      });
    }
    if (journey.peerAtMs !== null) {
      later(journey.peerAtMs, () => {
        model = { ...initialState(persona, now()), seq: model?.seq ?? 0 }; // a new peer connection; seq goes on
        if (pollTimer === null) pollTimer = timers.setInterval(poll, POLL_INTERVAL_MS);
      });
    }
    if (journey.connectAtMs !== null)
      later(journey.connectAtMs, () => void (model = model && connect(model, rng, !journey.noMedia)));
    const failure = journey.failure;
    if (!failure) return;
    later(failure.atMs, () => {
      report({ ...failure.evidence, t: startedAt + failure.atMs });
      if (failure.evidence.category === 'autoplay-blocked') state = 'joining'; // a warning: playing follows
      // the page keeps waiting; the viewer does not
      if (failure.evidence.category === 'no-media') giveUp(10_000, 60_000);
      if (!failure.ends) return;
      if (failure.peer && model) model = setPeer(model, failure.peer);
      if (failure.peer) poll(); // the last sample shows the failed peer; the page then closes it
      stopPolling();
      retry(failure.evidence.category);
    });
  }

  async function leave(drain = false, drainMs = 10_000): Promise<void> {
    if (state === 'gone') return;
    stopPolling();
    const until = now() + drainMs;
    while (drain && buffer.size > 0 && now() < until) {
      sender.tick();
      await new Promise((resolve) => timers.setTimeout(() => resolve(null), 50));
    }
    state = 'gone';
    timers.clearTimeout(sendTimer);
    for (const handle of handles) timers.clearTimeout(handle);
    handles.clear();
    deps.beacon?.({ eventId: deps.eventId, ...credentials(), kind: 'leave', payload: { t: now() } });
    socket.disconnect();
    deps.onGone();
  }

  return {
    sessionId: deps.sessionId,
    get state() {
      return state;
    },
    start() {
      socket.on('connect', () => {
        sender.connected();
        outbox.flush();
      });
      socket.on('disconnect', () => sender.disconnected());
      lastTickAt = now() + POLL_INTERVAL_MS / 2; // sends run half a poll after the polls, as in the collector
      reschedule();
      attempt(now(), planJourney(persona, rng));
    },
    leave,
    blip: () => socket.io.engine?.close(),
    stats: () => ({
      polled,
      lastSeq: model?.seq ?? 0,
      maxEmittedSeq,
      acked: sender.counters.acked,
      batches: sender.counters.batches,
      buffered: buffer.size,
    }),
  };
}
