/**
 * @module Sora's count reported by viewers (issue 10): capped, aged out, dropped with its reporter, and second to the
 * webhook.
 */
import { describe, expect, it } from 'vitest';
import {
  currentSfuCount,
  noSfuCount,
  recordViewerCount,
  recordWebhookCount,
} from '../../../../server/sora/sfu-count.ts';
import { SFU_VIEWER_COUNT_TTL_MS } from '../../../../shared/limits.ts';

const T0 = 1_800_000_000_000;
const open = () => true;

describe('Sora count', () => {
  it('caps a viewer report by the sessions the phase has seen (before: one viewer set 9,999,999)', () => {
    const state = noSfuCount();
    recordViewerCount(state, { recvonly: 9_999_999, t: T0, sessionId: 'a' }, 3, T0);
    expect(currentSfuCount(state, T0, open)).toEqual({ recvonly: 3, t: T0 });
  });

  it('drops a viewer report once its reporter has left, and after the TTL (before: "Sora count 5" on an empty channel)', () => {
    const state = noSfuCount();
    recordViewerCount(state, { recvonly: 5, t: T0 + 60_000, sessionId: 'a' }, 5, T0);
    expect(currentSfuCount(state, T0 + 1000, open)?.t).toBe(T0); // a fast viewer clock is clamped to the server's
    expect(currentSfuCount(state, T0 + 1000, (id) => id !== 'a')).toBeNull();
    expect(currentSfuCount(state, T0 + SFU_VIEWER_COUNT_TTL_MS + 1, open)).toBeNull();
  });

  it('yields to the webhook, which keeps the latest by Sora’s timestamp', () => {
    const state = noSfuCount();
    recordViewerCount(state, { recvonly: 2, t: T0, sessionId: 'a' }, 9, T0);
    recordWebhookCount(state, 7, T0 + 2000);
    recordWebhookCount(state, 6, T0 + 1000);
    recordViewerCount(state, { recvonly: 1, t: T0 + 3000, sessionId: 'a' }, 9, T0 + 3000);
    expect(currentSfuCount(state, T0 + 10 * SFU_VIEWER_COUNT_TTL_MS, () => false)).toEqual({
      recvonly: 7,
      t: T0 + 2000,
    });
  });
});
