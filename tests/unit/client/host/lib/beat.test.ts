/** The beat: what waits for it runs with the next one, in order; without beats it runs after the hold; the clock follows. */
import { describe, expect, it } from 'vitest';
import { Beat, type BeatTimers } from '../../../../../client/src/lib/beat.ts';

/** One-shot timers run by hand. */
function fakeTimers() {
  let pending: Array<{ fn: () => void; ms: number; handle: number }> = [];
  let next = 0;
  const timers: BeatTimers = {
    setTimeout: (fn, ms) => {
      pending.push({ fn, ms, handle: (next += 1) });
      return next;
    },
    clearTimeout: (handle) => void (pending = pending.filter((p) => p.handle !== handle)),
  };
  const fire = () => {
    const due = pending;
    pending = [];
    for (const p of due) p.fn();
  };
  return { timers, fire, pending: () => pending };
}

describe('Beat', () => {
  it('runs what waited, in order, on the next beat, and then its listeners', () => {
    const { timers, pending } = fakeTimers();
    const beat = new Beat(timers, 1_500);
    const seen: string[] = [];
    beat.onBeat(() => seen.push('listener'));
    beat.defer(() => seen.push('status 1'));
    beat.defer(() => seen.push('failure'));
    beat.defer(() => seen.push('status 2'));
    expect(seen).toEqual([]);
    expect(pending().map((p) => p.ms)).toEqual([1_500]); // one fallback for all of them
    beat.beat();
    expect(seen).toEqual(['status 1', 'failure', 'status 2', 'listener']);
    expect(pending()).toEqual([]);
    beat.beat();
    expect(seen).toEqual(['status 1', 'failure', 'status 2', 'listener', 'listener']);
  });

  it('without beats, runs what waited after the hold', () => {
    const { timers, fire } = fakeTimers();
    const beat = new Beat(timers, 1_500);
    const seen: number[] = [];
    beat.defer(() => seen.push(1));
    fire();
    expect(seen).toEqual([1]);
    beat.defer(() => seen.push(2));
    fire();
    expect(seen).toEqual([1, 2]);
  });

  it('stops telling a listener that unsubscribed', () => {
    const beat = new Beat(fakeTimers().timers);
    let calls = 0;
    const off = beat.onBeat(() => (calls += 1));
    beat.beat();
    off();
    beat.beat();
    expect(calls).toBe(1);
  });
});
