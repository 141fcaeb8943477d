/**
 * @module UploadState: the broadcaster's upload as one dashboard view shows it. Loads the phase's status and points
 * (again after every reconnect), then follows `publisher:status` while the phase is the event's current one,
 * appending each status's newest point to a bounded history. The history grows in place and a version signal tells
 * its readers: an hour of points copied every second was most of what the dashboard's garbage collector promoted.
 */
import { PUBLISHER_HISTORY_LIMIT } from '../../../../shared/limits.ts';
import type { PublisherStatus, UploadPoint } from '../../../../shared/publisher-status.ts';
import { atOnce, type Defer } from '../../lib/beat.ts';
import { listen } from '../../lib/listeners.ts';
import type { HostSocketPort, Listen } from '../host-socket-port.ts';
import type { UploadApi, UploadRef } from './upload-api.ts';

export type UploadSocket = Pick<HostSocketPort, 'connected' | 'on' | 'off'>;

/**
 * Appends `point` to `points` (in place) when it is newer than the last one, keeping at most
 * `PUBLISHER_HISTORY_LIMIT`; says whether it did.
 */
export function appendPoint(points: UploadPoint[], point: UploadPoint | null): boolean {
  const last = points[points.length - 1];
  if (!point || (last && point.t <= last.t)) return false;
  points.push(point);
  if (points.length > PUBLISHER_HISTORY_LIMIT) points.splice(0, points.length - PUBLISHER_HISTORY_LIMIT);
  return true;
}

export type UploadOptions = {
  /** Follow the event into another phase (the publisher page: its reports go to whatever phase is current). */
  anyPhase?: boolean;
  /** Pushed statuses wait for this (the dashboard's beat, lib/beat.ts); without it they show at once. */
  defer?: Defer;
};

export class UploadState {
  ref: UploadRef;
  /** Null until loaded. */
  status = $state.raw<PublisherStatus | null>(null);
  #points: UploadPoint[] = [];
  #version = $state(0);
  error = $state<string | null>(null);

  readonly #socket: UploadSocket;
  readonly #api: UploadApi;
  readonly #anyPhase: boolean;
  readonly #defer: Defer;
  #unlisten: () => void = () => undefined;
  #disposed = false;

  constructor(socket: UploadSocket, api: UploadApi, ref: UploadRef, options: UploadOptions = {}) {
    this.#socket = socket;
    this.#api = api;
    this.ref = { eventId: ref.eventId, phase: ref.phase };
    this.#anyPhase = options.anyPhase ?? false;
    this.#defer = options.defer ?? atOnce;
  }

  get points(): readonly UploadPoint[] {
    void this.#version;
    return this.#points;
  }

  #replacePoints(points: UploadPoint[]): void {
    this.#points = points;
    this.#version += 1;
  }

  start(): void {
    this.#unlisten = listen<Listen>(this.#socket, {
      connect: () => void this.load(),
      'publisher:status': (status) => this.#defer(() => this.receive(status)),
    });
    void this.load();
  }

  dispose(): void {
    this.#disposed = true;
    this.#unlisten();
  }

  async load(): Promise<void> {
    try {
      const view = await this.#api.view(this.ref);
      if (this.#disposed) return;
      this.error = null;
      // A push that arrived while loading is newer than the loaded status: keep it.
      if (!this.status || view.status.t >= this.status.t) this.status = view.status;
      const lastLoaded = view.points[view.points.length - 1]?.t ?? -Infinity;
      const pushed = this.points.filter((p) => p.t > lastLoaded);
      this.#replacePoints([...view.points, ...pushed].slice(-PUBLISHER_HISTORY_LIMIT));
    } catch (error) {
      if (!this.#disposed) this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** A status pushed to the event's room, or (on the publisher page) acked to this page's own report. */
  receive = (status: PublisherStatus): void => {
    if (status.eventId !== this.ref.eventId) return;
    if (status.phase !== this.ref.phase) {
      if (!this.#anyPhase) return;
      this.ref = { eventId: status.eventId, phase: status.phase };
      this.#replacePoints([]);
    } else if (this.status && status.t < this.status.t) return;
    this.status = status;
    if (appendPoint(this.#points, status.point)) this.#version += 1;
  };
}
