/** Failed logins per address: refused after the maximum within the window, allowed again when it slides past. */
import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../../../../server/auth/login-limiter.ts';

describe('login limiter', () => {
  it('refuses an address after too many failures and says how long to wait', () => {
    const limiter = createLoginLimiter(3, 60_000);
    for (const t of [0, 1_000, 2_000]) {
      expect(limiter.retryAfter('10.0.0.1', t)).toBe(0);
      limiter.failed('10.0.0.1', t);
    }
    expect(limiter.retryAfter('10.0.0.1', 3_000)).toBe(57_000);
    expect(limiter.retryAfter('10.0.0.2', 3_000)).toBe(0);
    expect(limiter.retryAfter('10.0.0.1', 60_000)).toBe(0); // the first failure left the window
  });

  it('forgets failures after a success', () => {
    const limiter = createLoginLimiter(2, 60_000);
    limiter.failed('a', 0);
    limiter.failed('a', 1);
    limiter.succeeded('a');
    expect(limiter.retryAfter('a', 2)).toBe(0);
  });
});
