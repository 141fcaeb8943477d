/** @module PublisherTrack: an event phase's publishers over time — states, stalls, limitation runs, points, admission. */
import { describe, expect, it } from 'vitest';
import { MAX_PUBLISHERS_PER_EVENT, PUBLISHER_STALE_MS } from '../../../../shared/limits.ts';
import { PublisherTrack } from '../../../../server/publisher/publisher-track.ts';
import { repeat, script, T0, type Second } from './publisher-samples.ts';

const PID = 'publisher-a1';

/** Feeds `seconds` one sample per second, each arriving `delayMs` after its stats time; returns the last arrival. */
function feed(track: PublisherTrack, seconds: Second[], delayMs = 300, pid = PID, start = T0): number {
  let at = start;
  for (const s of script(seconds, start)) {
    at = s.t + delayMs;
    track.apply(pid, [s], at);
  }
  return at;
}

describe('PublisherTrack', () => {
  it('says "none" before any publisher reported', () => {
    const status = new PublisherTrack('e', 'live').status(T0);
    expect(status).toMatchObject({ state: 'none', band: null, reading: null, stalledSec: null, publishers: 0 });
  });

  it('shows a healthy upload as live and Good, with a point per second', () => {
    const track = new PublisherTrack('e', 'live');
    const end = feed(track, repeat(12, { kbps: 2400 }));
    const status = track.status(end);
    expect(status).toMatchObject({ state: 'live', band: 'good', reasons: [], stalledSec: 0, publishers: 1 });
    expect(status.reading?.videoKbps).toBe(2400);
    expect(track.points).toHaveLength(12);
    expect(status.point).toEqual(track.points.at(-1));
    expect(track.points.at(-1)).toMatchObject({ kbps: 2400, band: 'good', limitation: 'none' });
  });

  it('counts a stall from the last second video moved, and goes stale when the page falls silent', () => {
    const track = new PublisherTrack('e', 'live');
    const end = feed(track, [...repeat(5, {}), ...repeat(8, { kbps: 0 })]);
    const stalled = track.status(end);
    expect(stalled).toMatchObject({ state: 'live', band: 'poor', reasons: ['stalled'], stalledSec: 8 });
    expect(track.alertReading(end).stalledSec).toBe(8);
    const later = end + PUBLISHER_STALE_MS;
    expect(track.status(later)).toMatchObject({ state: 'stale', band: 'poor', stalledSec: 18, publishers: 0 });
    // While silent, the limitation and loss are not known: only the stall alerts.
    expect(track.alertReading(later)).toEqual({
      stalledSec: 18,
      cpuLimitedSec: null,
      bandwidthLimitedSec: null,
      lossPct: null,
    });
  });

  it('treats a stop on purpose as stopped, not as a stall', () => {
    const track = new PublisherTrack('e', 'live');
    const end = feed(track, repeat(3, {}));
    track.apply(PID, [], end + 100, true);
    const status = track.status(end + 60_000);
    expect(status).toMatchObject({ state: 'stopped', band: null, stalledSec: null, reasons: [] });
    expect(track.alertReading(end + 60_000).stalledSec).toBeNull();
  });

  it('replays batches read back again (a cluster catching up) without taking the publisher back in time', () => {
    const track = new PublisherTrack('e', 'live');
    const samples = script(repeat(6, { kbps: 2000 }));
    const arrivals = samples.map((s) => s.t + 300);
    samples.forEach((s, i) => track.apply(PID, [s], arrivals[i] as number));
    const newest = arrivals.at(-1) as number;
    const before = track.status(newest);
    expect(track.newestAt()).toBe(newest);
    // The overlap of a catch-up: the last three batches again, then one older, all already applied.
    for (const i of [4, 5, 6, 3]) track.apply(PID, [samples[i]!], arrivals[i] as number);
    expect(track.newestAt()).toBe(newest);
    expect(track.points).toHaveLength(6);
    expect(track.status(newest)).toEqual(before);
  });

  it('times a limitation run for the alerts, and ends it when the encoder is free', () => {
    const track = new PublisherTrack('e', 'live');
    const samples = script([...repeat(3, {}), ...repeat(25, { limitation: 'cpu', fps: 12 }), ...repeat(3, {})]);
    const at = (i: number) => samples[i]!.t + 300;
    samples.forEach((s, i) => {
      track.apply(PID, [s], at(i));
      if (i === 28) {
        expect(track.alertReading(at(i))).toMatchObject({ cpuLimitedSec: 25, bandwidthLimitedSec: 0 });
        expect(track.status(at(i))).toMatchObject({ band: 'poor', reasons: ['cpu', 'low-fps'] });
      }
    });
    expect(track.alertReading(at(31))).toMatchObject({ cpuLimitedSec: 0 });
  });

  it('places late samples at their own time (the least delayed batch sets the clock offset)', () => {
    const track = new PublisherTrack('e', 'live');
    const samples = script(repeat(6, {}));
    track.apply(PID, samples.slice(0, 2), samples[1]!.t + 200);
    // An outage: four seconds arrive together 30 s later.
    track.apply(PID, samples.slice(2), samples.at(-1)!.t + 30_000);
    expect(track.points.map((p) => p.t - T0)).toEqual([1200, 2200, 3200, 4200, 5200, 6200]);
    expect(track.fresh(PID, samples)).toEqual([]);
    expect(track.ackSeq(PID)).toBe(7);
  });

  it(`admits at most ${MAX_PUBLISHERS_PER_EVENT} publishers reporting at once, and shows the newest`, () => {
    const track = new PublisherTrack('e', 'live');
    for (let i = 0; i < MAX_PUBLISHERS_PER_EVENT; i++)
      feed(track, repeat(2, { kbps: 1000 + i }), 300, `publisher-${i}`);
    const at = T0 + 2_400;
    expect(track.admits('publisher-new', at)).toBe(false);
    expect(track.admits('publisher-0', at)).toBe(true);
    expect(track.admits('publisher-new', at + PUBLISHER_STALE_MS)).toBe(true);
    expect(track.status(at).publishers).toBe(MAX_PUBLISHERS_PER_EVENT);
  });
});
