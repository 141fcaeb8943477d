/** Failed credentials slow down exponentially per address and globally, up to a cap, and fade after the window. */
import { describe, expect, it } from 'vitest';
import {
  ADDRESS_CURVE,
  createGuessThrottle,
  curveDelay,
  GLOBAL_CURVE,
} from '../../../../server/auth/guess-throttle.ts';

describe('guess throttle', () => {
  it('is free for a few typos, then doubles up to the cap', () => {
    const curve = { free: 2, baseMs: 100, maxMs: 1_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 100].map((n) => curveDelay(n, curve))).toEqual([
      0, 0, 100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('slows one address without slowing the others, until the global count catches up', () => {
    const throttle = createGuessThrottle();
    for (let i = 0; i < ADDRESS_CURVE.free + 3; i++) throttle.failed('10.0.0.1', i);
    expect(throttle.delay('10.0.0.1', 10)).toBe(ADDRESS_CURVE.baseMs * 8);
    expect(throttle.delay('10.0.0.2', 10)).toBe(0);
    // Many addresses, one failure each (or one proxy's many clients): everyone waits a little.
    for (let i = 0; i < GLOBAL_CURVE.free; i++) throttle.failed(`192.0.2.${i}`, 20);
    expect(throttle.delay('10.0.0.2', 30)).toBeGreaterThan(0);
  });

  it('never exceeds the configured cap', () => {
    const throttle = createGuessThrottle({ maxDelayMs: 250 });
    for (let i = 0; i < 500; i++) throttle.failed('a', i);
    expect(throttle.delay('a', 600)).toBe(250);
    expect(throttle.delay('b', 600)).toBe(250);
  });

  it('forgets an address on success, and everything once the window passes without failures', () => {
    const throttle = createGuessThrottle({ windowMs: 60_000 });
    for (let i = 0; i < 20; i++) throttle.failed('a', i);
    throttle.succeeded('a');
    expect(throttle.delay('a', 100)).toBe(0);
    for (let i = 0; i < 20; i++) throttle.failed('b', 1_000 + i);
    expect(throttle.delay('b', 1_100)).toBeGreaterThan(0);
    expect(throttle.delay('b', 1_019 + 60_000)).toBe(0);
  });
});
