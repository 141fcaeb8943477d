/**
 * @module One recvonly join with sora-js-sdk: reports funnel stages as they happen, runs the page's own join
 * watchdog (the SDK's connectionTimeout never fires, and a failed ICE hangs connect() forever), and ends with
 * exactly one outcome: joined-then-ended, or failed. Times and timers are injected.
 */
import type { Callbacks } from 'sora-js-sdk';
import type { SfuCount } from '../../../../shared/events.ts';
import type { FunnelStage } from '../../../../shared/funnel.ts';
import type { Timers } from '../../../../shared/timers.ts';
import {
  classifyConnectError,
  classifyDisconnect,
  classifyJoinTimeout,
  classifyPeerFailure,
  type Classified,
  type JoinSnapshot,
} from './classify.ts';
import { readSfuCount } from './notify-count.ts';

type AttemptCallbacks = Pick<Callbacks, 'track' | 'notify' | 'disconnect' | 'timeline' | 'signaling'>;

/** The part of a sora-js-sdk `ConnectionSubscriber` an attempt uses. */
export type AttemptConnection = {
  readonly pc: RTCPeerConnection | null;
  on<K extends keyof AttemptCallbacks>(kind: K, callback: AttemptCallbacks[K]): void;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
};

export type AttemptSink = {
  stage(stage: 'signaling' | 'offer' | 'connected', t: number): void;
  stream(stream: MediaStream): void;
  sfuCount(count: SfuCount): void;
  joined(): void;
  /** The join failed; this attempt is over. */
  failed(failure: Classified, stage: FunnelStage): void;
  /** Joined, then the connection ended (dropped or shut down); this attempt is over. */
  ended(failure: Classified, stage: FunnelStage): void;
};

export type Attempt = { readonly pc: RTCPeerConnection | null; stop(): void };

export type AttemptDeps = { timers: Timers; now: () => number; joinTimeoutMs: number };

function snapshotOf(pc: RTCPeerConnection | null, offerReceived: boolean, joined: boolean): JoinSnapshot {
  const snap: JoinSnapshot = { offerReceived, joined };
  if (!pc) return snap;
  snap.connectionState = pc.connectionState;
  snap.iceConnectionState = pc.iceConnectionState;
  const dtls = pc.getReceivers()[0]?.transport?.state;
  if (dtls) snap.dtlsState = dtls;
  return snap;
}

export function startAttempt(connection: AttemptConnection, deps: AttemptDeps, sink: AttemptSink): Attempt {
  let stage: FunnelStage = 'signaling';
  let offerReceived = false;
  let joined = false;
  let over = false;
  let lastPc: RTCPeerConnection | null = null;
  let watchdog: unknown;
  const snapshot = () => snapshotOf(connection.pc ?? lastPc, offerReceived, joined);
  const reach = (next: 'offer' | 'connected') => {
    if (over) return;
    if (next === 'connected' && stage === 'connected') return;
    stage = next;
    sink.stage(next, deps.now());
  };
  const finish = (failure: Classified, as: 'failed' | 'ended') => {
    if (over) return;
    over = true;
    deps.timers.clearTimeout(watchdog);
    if (as === 'failed') sink.failed(failure, stage);
    else sink.ended(failure, stage);
    connection.disconnect().catch(() => undefined); // idempotent since 2026.1.0; the outcome is already known
  };

  connection.on('signaling', (event) => {
    if (event.type === 'onmessage-offer') {
      offerReceived = true;
      reach('offer');
    }
  });
  connection.on('timeline', (event) => {
    if (event.type !== 'onconnectionstatechange') return;
    const pc = connection.pc;
    lastPc = pc ?? lastPc;
    if (pc?.connectionState === 'connected') reach('connected');
    if (pc?.connectionState === 'failed' && !joined) finish(classifyPeerFailure(snapshot()), 'failed');
  });
  connection.on('track', (event) => {
    const stream = event.streams[0];
    if (stream && !over) sink.stream(stream);
  });
  connection.on('notify', (message) => {
    const count = readSfuCount(message, deps.now());
    if (count) sink.sfuCount(count);
  });
  connection.on('disconnect', (event) => {
    const failure = classifyDisconnect(
      { type: event.type, title: event.title, code: event.code, reason: event.reason },
      snapshot(),
    );
    if (failure) finish(failure, joined ? 'ended' : 'failed');
  });

  watchdog = deps.timers.setTimeout(
    () => finish(classifyJoinTimeout(snapshot(), deps.joinTimeoutMs), 'failed'),
    deps.joinTimeoutMs,
  );
  sink.stage('signaling', deps.now());
  connection.connect().then(
    () => {
      if (over) return;
      deps.timers.clearTimeout(watchdog);
      joined = true;
      lastPc = connection.pc;
      reach('connected');
      sink.joined();
    },
    (error: unknown) => finish(classifyConnectError(error, snapshot()), 'failed'),
  );

  return {
    get pc() {
      return over ? null : connection.pc;
    },
    stop() {
      if (over) return;
      over = true;
      deps.timers.clearTimeout(watchdog);
      connection.disconnect().catch(() => undefined);
    },
  };
}
