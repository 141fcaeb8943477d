/**
 * @module A simulated audience for one event: viewers join over a ramp, stay for a while, leave and are
 * replaced (so the audience hovers around `size`), and now and then lose their socket for a moment.
 * Every viewer draws from its own stream of one seed, so a run can be replayed.
 */
import type { Beacon } from '../../shared/beacon.ts';
import type { StatsSample } from '../../shared/stats-sample.ts';
import type { Timers } from '../clock.ts';
import { createRng } from './prng.ts';
import { createSimViewer, type SimViewer } from './sim-viewer.ts';
import type { SimVideoCodec } from './fixture-profile.ts';
import { drawPersona } from './viewer-persona.ts';
import type { OpenViewerSocket, SignTicket } from './viewer-socket.ts';

export type CrowdOptions = {
  eventId: string;
  /** Viewers kept on the page (leavers are replaced). */
  size: number;
  seed: number;
  /** The event's video codec: every viewer receives it or, when its browser cannot decode it, fails pre-flight. */
  codec?: SimVideoCodec;
  openSocket: OpenViewerSocket;
  /** Viewer tickets for the crowd's own session ids (server/admission/ticket-signer.ts, with the server's key). */
  sign: SignTicket;
  timers: Timers;
  now: () => number;
  /** The first `size` joins are spread evenly over this many ms. */
  rampMs: number;
  /** Mean time a viewer stays, ms (exponential); `Infinity` keeps everyone until `stop()`. */
  meanStayMs: number;
  /** Socket blips (reconnect + resend) per viewer-hour. */
  blipsPerHour: number;
  /** Mid-stream media drops per viewer-hour of watching. */
  dropsPerHour: number;
  /** Leavers wait until every sample is acknowledged before closing (exact loss accounting in the bench). */
  drainOnLeave?: boolean;
  /** Viewers who give up after a failure close the page (default) or keep it open (a steady audience size). */
  giveUp?: 'leave' | 'stay';
  /** Sends the `leave` beacon of a viewer closing its page (as the watch page does on pagehide). */
  beacon?: (beacon: Beacon) => void;
  /** Prefix of session ids, so that crowds in several processes never collide. */
  idPrefix?: string;
  /** Bench hooks, per viewer (numbered from 0 in join order). */
  decorate?: (index: number) => ((sample: StatsSample) => StatsSample) | undefined;
  onBatch?: (sessionId: string, batch: { at: number; samples: readonly StatsSample[] }) => void;
};

export type CrowdCounts = {
  present: number;
  watching: number;
  failed: number;
  joined: number;
  left: number;
  blips: number;
};

export type Crowd = {
  start(): void;
  /** Every viewer leaves (draining first when asked); resolves when all sockets are closed. */
  stop(drain?: boolean): Promise<void>;
  /** Every viewer that ever joined, in join order. */
  all(): readonly SimViewer[];
  counts(): CrowdCounts;
};

const ID_ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];

export function createCrowd(options: CrowdOptions): Crowd {
  const { timers, now } = options;
  const rng = createRng(options.seed);
  const viewers: SimViewer[] = [];
  const present = new Set<SimViewer>();
  const timersHeld = new Set<unknown>();
  let stopping = false;
  let blips = 0;
  let blipTimer: unknown = null;

  const later = (ms: number, fn: () => void): void => {
    const handle = timers.setTimeout(() => {
      timersHeld.delete(handle);
      if (!stopping) fn();
    }, ms);
    timersHeld.add(handle);
  };
  const sessionId = (): string =>
    (options.idPrefix ?? '') + Array.from({ length: 16 }, () => rng.pick(ID_ALPHABET)).join('');

  function join(): void {
    const index = viewers.length;
    const own = rng.fork();
    const viewer = createSimViewer({
      eventId: options.eventId,
      sessionId: sessionId(),
      persona: drawPersona(own, options.codec),
      rng: own,
      timers,
      now,
      openSocket: options.openSocket,
      sign: options.sign,
      dropsPerHour: options.dropsPerHour,
      giveUp: options.giveUp,
      beacon: options.beacon,
      decorate: options.decorate?.(index),
      onBatch: options.onBatch ? (batch) => options.onBatch?.(viewer.sessionId, batch) : undefined,
      onGone: () => {
        present.delete(viewer);
        if (!stopping) later(rng.int(0, 5_000), join); // someone else opens the page
      },
    });
    viewers.push(viewer);
    present.add(viewer);
    viewer.start();
    if (Number.isFinite(options.meanStayMs))
      later(rng.exponential(options.meanStayMs), () => void viewer.leave(options.drainOnLeave));
  }

  return {
    start() {
      const gap = options.size > 0 ? options.rampMs / options.size : 0;
      for (let i = 0; i < options.size; i++) later(i * gap, join);
      blipTimer = timers.setInterval(() => {
        const p = options.blipsPerHour / 3_600;
        for (const viewer of present) {
          if (viewer.state === 'watching' && rng.chance(p)) {
            blips += 1;
            viewer.blip();
          }
        }
      }, 1_000);
    },
    async stop(drain = false) {
      stopping = true;
      timers.clearInterval(blipTimer);
      for (const handle of timersHeld) timers.clearTimeout(handle);
      timersHeld.clear();
      await Promise.all([...present].map((viewer) => viewer.leave(drain)));
    },
    all: () => viewers,
    counts() {
      let watching = 0;
      let failed = 0;
      for (const viewer of present) {
        if (viewer.state === 'watching') watching += 1;
        else if (viewer.state === 'failed') failed += 1;
      }
      return {
        present: present.size,
        watching,
        failed,
        joined: viewers.length,
        left: viewers.length - present.size,
        blips,
      };
    },
  };
}
