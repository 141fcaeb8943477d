/** @module A scriptable stand-in for a sora-js-sdk recvonly connection, for join attempt and session tests. */
import type { Callbacks, SignalingEvent, SignalingNotifyMessage, SoraCloseEvent, TimelineEvent } from 'sora-js-sdk';
import type { AttemptConnection } from '../../../../client/src/watch/join/join-attempt.ts';

type Handlers = Partial<Pick<Callbacks, 'track' | 'notify' | 'disconnect' | 'timeline' | 'signaling'>>;

export type FakePcState = { connectionState: string; iceConnectionState: string; dtlsState?: string };

export class FakeConnection implements AttemptConnection {
  pc: RTCPeerConnection | null = null;
  disconnects = 0;
  readonly handlers: Handlers = {};
  #resolve: () => void = () => undefined;
  #reject: (error: unknown) => void = () => undefined;
  readonly #connected = new Promise<void>((resolve, reject) => {
    this.#resolve = resolve;
    this.#reject = reject;
  });

  on<K extends keyof Handlers>(kind: K, callback: NonNullable<Handlers[K]>): void {
    this.handlers[kind] = callback;
  }

  connect(): Promise<void> {
    return this.#connected;
  }

  disconnect(): Promise<void> {
    this.disconnects += 1;
    return Promise.resolve();
  }

  resolveConnect(): void {
    this.#resolve();
  }

  rejectConnect(error: unknown): void {
    this.#reject(error);
  }

  setPc(state: FakePcState): void {
    const receiver = { transport: state.dtlsState ? { state: state.dtlsState } : null };
    this.pc = { ...state, getReceivers: () => [receiver] } as unknown as RTCPeerConnection;
  }

  offer(): void {
    this.handlers.signaling?.({ type: 'onmessage-offer' } as SignalingEvent);
  }

  pcState(state: FakePcState): void {
    this.setPc(state);
    this.handlers.timeline?.({ type: 'onconnectionstatechange' } as TimelineEvent);
  }

  close(type: 'normal' | 'abend', title: string, code?: number, reason?: string): void {
    this.handlers.disconnect?.({ type, title, code, reason } as SoraCloseEvent);
  }

  notify(message: Record<string, unknown>): void {
    this.handlers.notify?.({ type: 'notify', ...message } as unknown as SignalingNotifyMessage, 'websocket');
  }

  track(stream: MediaStream): void {
    this.handlers.track?.({ streams: [stream] } as unknown as RTCTrackEvent);
  }
}

export const connectError = (message: string, code?: number, reason?: string): Error =>
  Object.assign(new Error(message), { name: 'ConnectError', code, reason });
