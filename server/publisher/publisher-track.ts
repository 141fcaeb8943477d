/**
 * @module One event phase's publishers (pure, time injected): each publisher's newest sample, its recent intervals,
 * its limitation run and when its video last moved; the upload points of the phase; and the status the host sees,
 * built from the publisher that reported last. Sample times are the browser's; they are mapped to server time with
 * the smallest offset seen (the least delayed batch), so late resends land where they happened.
 */
import { MAX_PUBLISHERS_PER_EVENT, PUBLISHER_HISTORY_LIMIT, PUBLISHER_STALE_MS } from '../../shared/limits.ts';
import type { Phase } from '../../shared/event.ts';
import type { PublisherSample } from '../../shared/publisher-sample.ts';
import type { PublisherState, PublisherStatus, UploadPoint } from '../../shared/publisher-status.ts';
import type { UploadAlertReading } from '../alerts/upload-metrics.ts';
import { gradeUpload } from './upload-grade.ts';
import { uploadInterval, type UploadInterval } from './upload-interval.ts';
import { LOSS_WINDOW_MS, uploadReading, type LimitedRun } from './upload-reading.ts';

/** Intervals kept per publisher: enough for the longest window. */
const KEPT_INTERVALS = Math.ceil(LOSS_WINDOW_MS / 1_000) * 3;
/** A publisher silent this long is forgotten (its points stay). */
const FORGET_MS = 60 * 60_000;

export type PublisherRun = {
  pid: string;
  firstAt: number;
  /** When its newest batch arrived, server time. */
  lastAt: number;
  lastSeq: number;
  latest: PublisherSample | null;
  /** Server time minus browser stats time, the smallest seen. */
  offset: number;
  /** Server time of the newest sample after which video bytes had grown. */
  movedAt: number;
  ended: boolean;
  intervals: UploadInterval[];
  run: LimitedRun | null;
};

export class PublisherTrack {
  readonly runs = new Map<string, PublisherRun>();
  points: UploadPoint[] = [];

  constructor(
    readonly eventId: string,
    readonly phase: Phase,
  ) {}

  /** Publishers that reported within `PUBLISHER_STALE_MS` and did not stop. */
  active(now: number): PublisherRun[] {
    return [...this.runs.values()].filter((r) => !r.ended && now - r.lastAt < PUBLISHER_STALE_MS);
  }

  /** When the newest batch of any publisher arrived, server time (null before any). */
  newestAt(): number | null {
    let newest: number | null = null;
    for (const r of this.runs.values()) newest = Math.max(newest ?? r.lastAt, r.lastAt);
    return newest;
  }

  /** False when `pid` is new and `MAX_PUBLISHERS_PER_EVENT` others are reporting. */
  admits(pid: string, now: number): boolean {
    return this.runs.has(pid) || this.active(now).length < MAX_PUBLISHERS_PER_EVENT;
  }

  /** The samples of `batch` not applied yet (seq above the publisher's newest). */
  fresh(pid: string, samples: readonly PublisherSample[]): PublisherSample[] {
    const last = this.runs.get(pid)?.lastSeq ?? 0;
    return samples.filter((s) => s.seq > last);
  }

  /** Highest applied seq of `pid` (0 before any). */
  ackSeq(pid: string): number {
    return this.runs.get(pid)?.lastSeq ?? 0;
  }

  /** Applies samples that arrived at `now` (in seq order; older seqs are ignored); `end`: the page stopped. */
  apply(pid: string, samples: readonly PublisherSample[], now: number, end = false): void {
    const newest = samples[samples.length - 1];
    let r = this.runs.get(pid);
    if (!r) {
      const offset = newest ? now - newest.t : 0;
      r = {
        pid,
        firstAt: now,
        lastAt: now,
        lastSeq: 0,
        latest: null,
        offset,
        movedAt: now,
        ended: false,
        intervals: [],
        run: null,
      };
      this.runs.set(pid, r);
    }
    if (newest) r.offset = Math.min(r.offset, now - newest.t);
    for (const sample of samples) if (sample.seq > r.lastSeq) this.#step(r, sample, now);
    // An older batch read back from storage (a cluster's catch-up) does not take the run back in time.
    if (now >= r.lastAt) {
      r.lastAt = now;
      r.ended = end;
    }
    for (const [id, other] of this.runs) if (now - other.lastAt > FORGET_MS) this.runs.delete(id);
  }

  #step(r: PublisherRun, sample: PublisherSample, now: number): void {
    const at = Math.min(now, sample.t + r.offset);
    const before = r.latest;
    r.latest = sample;
    r.lastSeq = sample.seq;
    const x = before ? uploadInterval(before, sample, at) : null;
    if (!x) return;
    r.intervals.push(x);
    if (r.intervals.length > KEPT_INTERVALS) r.intervals.shift();
    if (x.videoBytes > 0) r.movedAt = at;
    const held = x.limitation === 'cpu' || x.limitation === 'bandwidth' || x.limitation === 'other';
    if (!held) r.run = null;
    else if (r.run?.reason !== x.limitation)
      r.run = { reason: x.limitation as LimitedRun['reason'], since: at - x.dtMs };
    const reading = uploadReading(r.intervals, sample, r.run);
    const grade = gradeUpload(reading, Math.max(0, (at - r.movedAt) / 1000));
    const kbps = reading.videoKbps === null ? null : reading.videoKbps + (reading.audioKbps ?? 0);
    this.points.push({
      t: at,
      kbps,
      fps: reading.fps,
      lossPct: reading.lossPct,
      rttMs: reading.rttMs,
      band: grade.band,
      limitation: reading.limitation,
    });
    if (this.points.length > PUBLISHER_HISTORY_LIMIT) this.points.shift();
  }

  /** The publisher shown: the newest reporting one, else the newest of all. */
  shown(now: number): PublisherRun | null {
    const newest = (xs: PublisherRun[]) =>
      xs.reduce<PublisherRun | null>((a, b) => (a && a.lastAt >= b.lastAt ? a : b), null);
    return newest(this.active(now)) ?? newest([...this.runs.values()]);
  }

  status(now: number): PublisherStatus {
    const r = this.shown(now);
    const base = {
      eventId: this.eventId,
      phase: this.phase,
      t: now,
      publishers: this.active(now).length,
      point: this.points[this.points.length - 1] ?? null,
    };
    if (!r || !r.latest)
      return {
        ...base,
        state: 'none',
        since: null,
        lastSampleAt: null,
        stalledSec: null,
        band: null,
        reasons: [],
        reading: null,
      };
    const state: PublisherState = r.ended ? 'stopped' : now - r.lastAt >= PUBLISHER_STALE_MS ? 'stale' : 'live';
    const reading = uploadReading(r.intervals, r.latest, r.run);
    const stalledSec = state === 'stopped' ? null : Math.max(0, Math.round((now - r.movedAt) / 1000));
    const grade = state === 'stopped' ? null : gradeUpload(reading, stalledSec ?? 0);
    return {
      ...base,
      state,
      since: r.firstAt,
      lastSampleAt: r.lastAt,
      stalledSec,
      band: grade?.band ?? null,
      reasons: grade?.reasons ?? [],
      reading,
    };
  }

  alertReading(now: number): UploadAlertReading {
    const s = this.status(now);
    const live = s.state === 'live' ? s.reading : null;
    const limited = (reason: 'cpu' | 'bandwidth') => (live ? (live.limitation === reason ? live.limitedSec : 0) : null);
    return {
      stalledSec: s.stalledSec,
      cpuLimitedSec: limited('cpu'),
      bandwidthLimitedSec: limited('bandwidth'),
      lossPct: live?.lossPct ?? null,
    };
  }
}
