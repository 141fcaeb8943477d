/**
 * @module The `/viewer` handshake check (pure apart from the catalog lookup): well-formed auth, a known event, and
 * a ticket that admits this session now. Anything else is refused before the connection is accepted.
 */
import * as v from 'valibot';
import { ViewerAuthSchema } from '../../shared/events.ts';
import type { Admission } from '../admission/admission.ts';
import { describeIssues } from '../http/validate.ts';

export type HandshakeVerdict =
  | { ok: true; eventId: string; sessionId: string }
  | { ok: false; code: 'invalid-payload' | 'unknown-event' | 'unauthorized'; message: string; eventId?: string };

/** Everything but the ticket, so that a missing or malformed ticket is `unauthorized`, not `invalid-payload`. */
const IdentitySchema = v.object({
  eventId: ViewerAuthSchema.entries.eventId,
  sessionId: ViewerAuthSchema.entries.sessionId,
});

const RENEW_HINT = 'get one from GET /api/public/events/:id or POST /api/public/events/:id/ticket';

export function checkHandshake(
  auth: unknown,
  knownEvent: (eventId: string) => boolean,
  admission: Admission,
  now: number,
): HandshakeVerdict {
  const identity = v.safeParse(IdentitySchema, auth);
  if (!identity.success)
    return {
      ok: false,
      code: 'invalid-payload',
      message: `handshake auth: ${describeIssues(identity.issues).message}`,
    };
  const { eventId, sessionId } = identity.output;
  if (!knownEvent(eventId)) return { ok: false, code: 'unknown-event', message: `no event with id "${eventId}"` };
  const full = v.safeParse(ViewerAuthSchema, auth);
  if (!full.success)
    return { ok: false, code: 'unauthorized', eventId, message: `a viewer ticket is required; ${RENEW_HINT}` };
  const check = admission.check(eventId, sessionId, full.output.ticket, now);
  if (!check.ok)
    return { ok: false, code: 'unauthorized', eventId, message: `viewer ticket ${check.reason}; ${RENEW_HINT}` };
  return { ok: true, eventId, sessionId };
}
