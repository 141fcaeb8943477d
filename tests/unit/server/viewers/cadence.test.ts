/** The adaptive cadence: the audience rule when healthy, stepping up under measured pressure and back down slowly. */
import { describe, expect, it } from 'vitest';
import { createCadence, STEP_DOWN_AFTER_S, STEP_UP_AFTER_S, type Health } from '../../../../server/viewers/cadence.ts';
import { BIG_AUDIENCE_VIEWERS, MAX_SEND_INTERVAL_MS } from '../../../../shared/limits.ts';

const healthy: Health = { loopDelayMs: 20, commitMs: 30 };
const slowLoop = { loopDelayMs: 900, commitMs: 30 };
const slowCommits = { loopDelayMs: 20, commitMs: 2_000 };
const seconds = (c: ReturnType<typeof createCadence>, n: number, h: Health) => {
  for (let i = 0; i < n; i++) c.observe(h);
};

describe('cadence', () => {
  it('follows the audience rule while healthy', () => {
    const c = createCadence();
    seconds(c, 100, healthy);
    expect([c.intervalFor(10), c.intervalFor(BIG_AUDIENCE_VIEWERS + 1)]).toEqual([2_000, 5_000]);
    expect(c.intervalFor(50, 40)).toBe(5_000);
  });

  it('steps up only after several bad seconds in a row, from a slow loop or slow commits alike', () => {
    const c = createCadence();
    seconds(c, STEP_UP_AFTER_S - 1, slowLoop);
    c.observe(healthy); // one good second breaks the streak
    seconds(c, STEP_UP_AFTER_S - 1, slowLoop);
    expect(c.level).toBe(0);
    c.observe(slowLoop);
    expect(c.intervalFor(10)).toBe(4_000);
    seconds(c, STEP_UP_AFTER_S, slowCommits);
    expect(c.intervalFor(10)).toBe(8_000);
  });

  it('never asks for more than the protocol maximum, and comes back one step per healthy stretch', () => {
    const c = createCadence();
    seconds(c, STEP_UP_AFTER_S * 10, slowLoop);
    expect(c.intervalFor(BIG_AUDIENCE_VIEWERS + 1)).toBe(MAX_SEND_INTERVAL_MS);
    const top = c.level;
    seconds(c, STEP_DOWN_AFTER_S - 1, healthy);
    expect(c.level).toBe(top);
    c.observe(healthy);
    expect(c.level).toBe(top - 1);
    seconds(c, STEP_DOWN_AFTER_S * top, healthy);
    expect(c.intervalFor(10)).toBe(2_000);
  });

  it('ignores a second without a commit', () => {
    const c = createCadence();
    seconds(c, STEP_UP_AFTER_S * 2, { loopDelayMs: 10, commitMs: null });
    expect(c.level).toBe(0);
  });
});
