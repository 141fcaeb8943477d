/**
 * @module The publishers of every event phase in memory (one PublisherTrack each), loaded from storage the first time
 * a phase is touched after a start, so a restarted server continues the upload's history and rates. `accept` stores
 * a batch before applying it: the ack the handler sends afterwards means stored. In a cluster, the other processes
 * keep their tracks in step by reading back what was stored since their newest batch (`sync`).
 */
import type { Phase } from '../../shared/event.ts';
import { PUBLISHER_HISTORY_LIMIT } from '../../shared/limits.ts';
import type { PublisherBatch } from '../../shared/publisher-sample.ts';
import type { PublisherStatus, PublisherView } from '../../shared/publisher-status.ts';
import type { PublisherStore } from './publisher-store.ts';
import type { UploadAlertReading } from '../alerts/upload-metrics.ts';
import { PublisherTrack } from './publisher-track.ts';

/**
 * How far before its newest batch a catch-up reads again: batches stored by other processes with their own clocks,
 * or committed a little out of order, still land (a batch already applied is skipped by seq).
 */
const SYNC_OVERLAP_MS = 10_000;

/** A track not touched for this long, and not of its event's current phase, is dropped from memory (storage keeps it). */
const IDLE_MS = 60 * 60_000;

export type Accepted = { ok: true; ackSeq: number; status: PublisherStatus } | { ok: false; reason: 'too-many' };

export type PublisherService = {
  /** Stores and applies the batch's new samples in `phase` (the event's current one) at server time `now`. */
  accept(batch: PublisherBatch, phase: Phase, now: number): Promise<Accepted>;
  view(eventId: string, phase: Phase, now: number): Promise<PublisherView>;
  /** The status of a phase already in memory (null otherwise: nothing to push). */
  statusInMemory(eventId: string, phase: Phase, now: number): PublisherStatus | null;
  /**
   * Brings a phase in memory up to what storage holds (another process stored samples); one not in memory is
   * loaded when `load`, else left to be read on first use. Calls during a catch-up make it run once more.
   */
  sync(eventId: string, phase: Phase, now: number, load: boolean): Promise<void>;
  /** For alert rules; null when the phase is not in memory. */
  alertReading(eventId: string, phase: Phase, now: number): UploadAlertReading | null;
  /** Every track in memory (the push loop walks them). */
  tracks(): readonly PublisherTrack[];
  /** Drops idle tracks whose phase is not `current(eventId)`. */
  evict(now: number, current: (eventId: string) => Phase | undefined): void;
};

const keyOf = (eventId: string, phase: Phase): string => `${eventId}/${phase}`;

export function createPublisherService(store: PublisherStore): PublisherService {
  const tracks = new Map<string, PublisherTrack>();
  const loading = new Map<string, Promise<PublisherTrack>>();
  const touched = new Map<string, number>();
  /** Phases being caught up, whether another call came meanwhile, and whether one of the calls asked to load. */
  const syncing = new Map<string, { again: boolean; load: boolean }>();

  /** The phase's track, replayed from storage on first use (one load at a time per phase). */
  const open = (eventId: string, phase: Phase, now: number): Promise<PublisherTrack> => {
    const key = keyOf(eventId, phase);
    touched.set(key, now);
    const known = tracks.get(key);
    if (known) return Promise.resolve(known);
    let pending = loading.get(key);
    if (!pending) {
      pending = (async () => {
        const track = new PublisherTrack(eventId, phase);
        for (const b of await store.recent(eventId, phase, PUBLISHER_HISTORY_LIMIT))
          track.apply(b.pid, b.samples, b.receivedAt, b.ended);
        tracks.set(key, track);
        return track;
      })().finally(() => loading.delete(key));
      loading.set(key, pending);
    }
    return pending;
  };

  const catchUp = async (eventId: string, phase: Phase, now: number, load: boolean): Promise<void> => {
    const track = tracks.get(keyOf(eventId, phase));
    if (!track) {
      if (load) await open(eventId, phase, now);
      return;
    }
    const newest = track.newestAt();
    const from = newest === null ? 0 : newest - SYNC_OVERLAP_MS;
    for (const b of await store.since(eventId, phase, from, PUBLISHER_HISTORY_LIMIT))
      track.apply(b.pid, b.samples, b.receivedAt, b.ended);
  };

  return {
    async accept(batch, phase, now) {
      const track = await open(batch.eventId, phase, now);
      if (!track.admits(batch.pid, now)) return { ok: false, reason: 'too-many' };
      const fresh = track.fresh(batch.pid, batch.samples);
      if (fresh.length > 0 || batch.end)
        await store.add(batch.eventId, phase, {
          pid: batch.pid,
          receivedAt: now,
          samples: fresh,
          ended: batch.end === true,
        });
      // Applied only once stored: a batch whose write failed is applied when the page resends it.
      track.apply(batch.pid, track.fresh(batch.pid, fresh), now, batch.end === true);
      return { ok: true, ackSeq: track.ackSeq(batch.pid), status: track.status(now) };
    },
    async view(eventId, phase, now) {
      const track = await open(eventId, phase, now);
      return { status: track.status(now), points: [...track.points] };
    },
    async sync(eventId, phase, now, load) {
      const key = keyOf(eventId, phase);
      const running = syncing.get(key);
      if (running) {
        running.again = true;
        running.load ||= load;
        return;
      }
      const state = { again: true, load };
      syncing.set(key, state);
      try {
        while (state.again) {
          state.again = false;
          await catchUp(eventId, phase, now, state.load);
        }
      } finally {
        syncing.delete(key);
      }
    },
    statusInMemory: (eventId, phase, now) => tracks.get(keyOf(eventId, phase))?.status(now) ?? null,
    alertReading: (eventId, phase, now) => tracks.get(keyOf(eventId, phase))?.alertReading(now) ?? null,
    tracks: () => [...tracks.values()],
    evict(now, current) {
      for (const [key, track] of tracks) {
        if (current(track.eventId) === track.phase || now - (touched.get(key) ?? 0) < IDLE_MS) continue;
        tracks.delete(key);
        touched.delete(key);
      }
    },
  };
}
