/** Sora's side of an event: webhook and auth counts per phase, bounded. */
import { describe, expect, it } from 'vitest';
import type { ConnectionUpdate } from '../../../../server/sora/event-webhook.ts';
import { SoraLedger } from '../../../../server/sora/sora-ledger.ts';

const update = (over: Partial<ConnectionUpdate>): ConnectionUpdate => ({
  kind: 'connection.created',
  channelId: 'ch',
  t: 1_000,
  recvonly: 1,
  viewer: true,
  reason: null,
  message: null,
  ...over,
});

describe('SoraLedger', () => {
  it('counts viewer connection events, destroy reasons and connection.failed', () => {
    const ledger = new SoraLedger();
    ledger.recordConnection('ev', 'live', update({}));
    ledger.recordConnection('ev', 'live', update({ kind: 'connection.created', viewer: false }));
    ledger.recordConnection('ev', 'live', update({ kind: 'connection.destroyed', reason: 'NO-ERROR', t: 3_000 }));
    ledger.recordConnection('ev', 'live', update({ kind: 'connection.failed', message: 'ICE failed', t: 2_000 }));
    const summary = ledger.summary('ev', 'live', { recvonly: 0, t: 3_000 });
    expect(summary.webhooks).toEqual({ created: 1, updated: 0, destroyed: 1, failed: 1, lastAt: 3_000 });
    expect(summary.destroyedReasons).toEqual({ 'NO-ERROR': 1 });
    expect(summary.recentFailed).toEqual([{ t: 2_000, message: 'ICE failed' }]);
    expect(summary.sfu).toEqual({ recvonly: 0, t: 3_000 });
  });

  it('counts auth attempts and denials by reason', () => {
    const ledger = new SoraLedger();
    ledger.recordAuth('ev', 'live', true, null);
    ledger.recordAuth('ev', 'live', false, 'viewer token missing');
    ledger.recordAuth('ev', 'live', false, 'viewer token missing');
    expect(ledger.summary('ev', 'live', null).auth).toEqual({
      attempts: 3,
      allowed: 1,
      denied: 2,
      deniedReasons: { 'viewer token missing': 2 },
    });
  });

  it('starts over when the phase changes and bounds the reasons it keeps', () => {
    const ledger = new SoraLedger();
    ledger.recordAuth('ev', 'rehearsal', false, 'x');
    expect(ledger.summary('ev', 'live', null).auth.attempts).toBe(0);
    for (let i = 0; i < 50; i++) ledger.recordAuth('ev', 'live', false, `reason ${i}`);
    const reasons = ledger.summary('ev', 'live', null).auth.deniedReasons;
    expect(Object.keys(reasons)).toHaveLength(31);
    expect(reasons.other).toBe(20);
  });

  it('returns a copy the caller cannot use to change the ledger', () => {
    const ledger = new SoraLedger();
    ledger.recordAuth('ev', 'live', true, null);
    ledger.summary('ev', 'live', null).auth.attempts = 99;
    expect(ledger.summary('ev', 'live', null).auth.attempts).toBe(1);
  });
});
