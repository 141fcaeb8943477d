/** Per-event tokens: stable HMACs that differ by event, role and secret; compared in constant time. */
import { describe, expect, it } from 'vitest';
import { eventToken, tokenEquals } from '../../../../server/sora/viewer-token.ts';

const SECRET = 'a-secret-of-at-least-16-chars';

describe('eventToken', () => {
  it('is stable, URL-safe and differs by event, role and secret', () => {
    const token = eventToken(SECRET, 'viewer', 'ev1');
    expect(token).toBe(eventToken(SECRET, 'viewer', 'ev1'));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(eventToken(SECRET, 'viewer', 'ev2')).not.toBe(token);
    expect(eventToken(SECRET, 'publisher', 'ev1')).not.toBe(token);
    expect(eventToken(`${SECRET}x`, 'viewer', 'ev1')).not.toBe(token);
  });
});

describe('tokenEquals', () => {
  it('accepts only the same string', () => {
    expect(tokenEquals('abc', 'abc')).toBe(true);
    expect(tokenEquals('abc', 'abd')).toBe(false);
    expect(tokenEquals('abc', 'abcd')).toBe(false);
    expect(tokenEquals('abc', undefined)).toBe(false);
    expect(tokenEquals('abc', 42)).toBe(false);
  });
});
