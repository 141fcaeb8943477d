/** Staggered panels: each lane shows a live tick on its own second of the period, and holds it in between. */
import { describe, expect, it } from 'vitest';
import { Staggered } from '../../../../../client/src/host/panels/staggered.ts';
import { makeTick } from '../fakes.ts';

const T = 1_800_000_000_000; // a whole multiple of 5 s

describe('Staggered', () => {
  it('moves each lane on its own second of the period and holds its tick in between', () => {
    const staggered = new Staggered(5);
    const shown = (lane: number) =>
      Array.from({ length: 11 }, (_, i) => staggered.pick(lane, makeTick(T + i * 1_000))?.t ?? null).map(
        (t) => ((t ?? T) - T) / 1_000,
      );
    expect(shown(0)).toEqual([0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 10]);
    expect(shown(2)).toEqual([0, 0, 2, 2, 2, 2, 2, 7, 7, 7, 7]);
  });

  it('takes the newest tick after a gap longer than the period, after going back in time, and passes null', () => {
    const staggered = new Staggered(5);
    expect(staggered.pick(1, makeTick(T + 1_000))?.t).toBe(T + 1_000);
    expect(staggered.pick(1, makeTick(T + 8_000))?.t).toBe(T + 8_000);
    expect(staggered.pick(1, makeTick(T + 9_000))?.t).toBe(T + 8_000);
    expect(staggered.pick(1, makeTick(T))?.t).toBe(T);
    expect(staggered.pick(1, null)).toBeNull();
  });
});
