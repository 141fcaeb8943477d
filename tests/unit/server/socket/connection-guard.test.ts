import { describe, expect, it } from 'vitest';
import { createConnectionGuard } from '../../../../server/socket/connection-guard.ts';

describe('connection guard', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    const guard = createConnectionGuard(10, 5);
    const burst = Array.from({ length: 7 }, () => guard.allow(1000));
    expect(burst).toEqual([true, true, true, true, true, false, false]);
    expect(guard.allow(1100)).toBe(true); // 0.1 s × 10/s = one token
    expect(guard.allow(1100)).toBe(false);
  });
  it('drops a connection only when invalid payloads exceed the limit within the window', () => {
    const guard = createConnectionGuard(10, 5, 3);
    expect([guard.invalid(0), guard.invalid(1), guard.invalid(2)]).toEqual([false, false, false]);
    expect(guard.invalid(61_000)).toBe(false); // the first three fell out of the 60 s window
    expect([guard.invalid(61_001), guard.invalid(61_002), guard.invalid(61_003)]).toEqual([false, false, true]);
    expect(guard.invalidTotal).toBe(7);
  });
});
