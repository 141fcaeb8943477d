/**
 * @module Answers Sora's auth webhook (pure): viewers (`recvonly`) need the event's viewer token in
 * `metadata.kansoku_token`; senders need the publisher token there. Channels that belong to no open Kansoku
 * event are refused, so pointing Sora's auth webhook at Kansoku fails closed.
 */
import type { KansokuEvent } from '../../shared/event.ts';
import { VIEWER_TOKEN_METADATA_KEY, type SoraAuthResponse, type SoraAuthWebhook } from '../../shared/sora-webhook.ts';
import { tokenEquals, type TokenRole } from './viewer-token.ts';

export const DENIAL_REASONS = {
  unknownChannel: 'channel is not a Kansoku event',
  missing: 'token missing',
  invalid: 'token invalid',
} as const;

export type AuthDecision = {
  response: SoraAuthResponse;
  /** The events the attempt counts towards. */
  eventIds: string[];
  role: TokenRole;
};

function presentedToken(metadata: unknown): unknown {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  return (metadata as Record<string, unknown>)[VIEWER_TOKEN_METADATA_KEY];
}

/** `tokenFor(role, eventId)` gives the expected token (see viewer-token.ts). */
export function decideAuth(
  request: SoraAuthWebhook,
  events: readonly KansokuEvent[],
  tokenFor: (role: TokenRole, eventId: string) => string,
): AuthDecision {
  const role: TokenRole = request.role === 'recvonly' ? 'viewer' : 'publisher';
  const eventIds = events.map((e) => e.id);
  const deny = (reason: string): AuthDecision => ({
    response: { allowed: false, reason: `${role} ${reason}` },
    eventIds,
    role,
  });
  if (events.length === 0)
    return { response: { allowed: false, reason: DENIAL_REASONS.unknownChannel }, eventIds, role };
  const given = presentedToken(request.metadata);
  if (given === undefined) return deny(DENIAL_REASONS.missing);
  return eventIds.some((id) => tokenEquals(tokenFor(role, id), given))
    ? { response: { allowed: true }, eventIds, role }
    : deny(DENIAL_REASONS.invalid);
}
