/** Kansoku's answer to Sora's auth webhook: viewer and publisher tokens, unknown channels refused. */
import { describe, expect, it } from 'vitest';
import { decideAuth } from '../../../../server/sora/auth-webhook.ts';
import { eventToken, type TokenRole } from '../../../../server/sora/viewer-token.ts';
import type { SoraAuthWebhook } from '../../../../shared/sora-webhook.ts';
import { soraEvent } from './fixtures.ts';

const SECRET = 'auth-webhook-test-secret';
const tokenFor = (role: TokenRole, eventId: string) => eventToken(SECRET, role, eventId);
const request = (role: string, metadata?: unknown): SoraAuthWebhook => ({ channel_id: 'ch', role, metadata });

describe('decideAuth', () => {
  const events = [soraEvent('ev1', 'ch')];

  it('allows a viewer with the event viewer token in metadata.kansoku_token', () => {
    const decision = decideAuth(request('recvonly', { kansoku_token: tokenFor('viewer', 'ev1') }), events, tokenFor);
    expect(decision).toEqual({ response: { allowed: true }, eventIds: ['ev1'], role: 'viewer' });
  });

  it('denies a viewer without a token, with a wrong one, or with the publisher token', () => {
    expect(decideAuth(request('recvonly', null), events, tokenFor).response).toEqual({
      allowed: false,
      reason: 'viewer token missing',
    });
    expect(decideAuth(request('recvonly', { kansoku_token: 'nope' }), events, tokenFor).response).toEqual({
      allowed: false,
      reason: 'viewer token invalid',
    });
    const publisherToken = { kansoku_token: tokenFor('publisher', 'ev1') };
    expect(decideAuth(request('recvonly', publisherToken), events, tokenFor).response.allowed).toBe(false);
  });

  it('lets a sender in only with the publisher token', () => {
    expect(
      decideAuth(request('sendonly', { kansoku_token: tokenFor('publisher', 'ev1') }), events, tokenFor).response,
    ).toEqual({ allowed: true });
    expect(
      decideAuth(request('sendonly', { kansoku_token: tokenFor('viewer', 'ev1') }), events, tokenFor),
    ).toMatchObject({
      response: { allowed: false, reason: 'publisher token invalid' },
      role: 'publisher',
    });
  });

  it('refuses channels that belong to no open event (fails closed)', () => {
    expect(decideAuth(request('recvonly', { kansoku_token: tokenFor('viewer', 'ev1') }), [], tokenFor)).toEqual({
      response: { allowed: false, reason: 'channel is not a Kansoku event' },
      eventIds: [],
      role: 'viewer',
    });
  });

  it('accepts the token of any event sharing the channel', () => {
    const shared = [soraEvent('ev1', 'ch'), soraEvent('ev2', 'ch')];
    const decision = decideAuth(request('recvonly', { kansoku_token: tokenFor('viewer', 'ev2') }), shared, tokenFor);
    expect(decision.response.allowed).toBe(true);
    expect(decision.eventIds).toEqual(['ev1', 'ev2']);
  });
});
