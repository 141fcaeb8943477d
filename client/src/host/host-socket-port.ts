/** @module The part of the typed `/host` socket.io client the dashboard's state classes use; tests pass a fake. */
import type { HostClientEvents, HostServerEvents } from '../../../shared/events.ts';
import type { ListenerMethod } from '../lib/listeners.ts';

type Reserved = { connect: () => void };
/** Server events plus socket.io's own `connect` (fired again after every reconnect). */
export type Listen = HostServerEvents & Reserved;

/** The dashboard's `HostSocket` fits it. */
export type HostSocketPort = {
  readonly connected: boolean;
  on: ListenerMethod<Listen>;
  off: ListenerMethod<Listen>;
  emit<E extends keyof HostClientEvents>(event: E, ...args: Parameters<HostClientEvents[E]>): unknown;
};
