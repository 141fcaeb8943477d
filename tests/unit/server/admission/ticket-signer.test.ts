import { describe, expect, it } from 'vitest';
import { createTicketSigner, newSessionId } from '../../../../server/admission/ticket-signer.ts';
import { SessionIdSchema, TicketSchema } from '../../../../shared/viewer-ticket.ts';
import * as v from 'valibot';

const T0 = 1_800_000_000_000;
const signer = createTicketSigner(Buffer.alloc(32, 7));

describe('viewer tickets', () => {
  it('mints a ticket for a new session that verifies for its event and session until it expires', () => {
    const minted = signer.mint('ev-1', T0, 60_000);
    expect(v.is(SessionIdSchema, minted.sessionId)).toBe(true);
    expect(v.is(TicketSchema, minted.ticket)).toBe(true);
    expect(minted.expiresAt).toBe(T0 + 60_000);
    expect(minted.expiresInMs).toBe(60_000);
    expect(signer.verify(minted.ticket, 'ev-1', T0 + 59_999, minted.sessionId)).toEqual({
      ok: true,
      sessionId: minted.sessionId,
      expiresAt: T0 + 60_000,
    });
    expect(signer.verify(minted.ticket, 'ev-1', T0 + 60_000, minted.sessionId)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(signer.verify(minted.ticket, 'ev-1', T0 + 70_000, undefined, 60_000)).toMatchObject({ ok: true });
  });

  it('tells forged, foreign, misused and malformed tickets apart', () => {
    const { ticket } = signer.mint('ev-1', T0, 60_000, 'session-0001');
    const other = createTicketSigner(Buffer.alloc(32, 8)).mint('ev-1', T0, 60_000, 'session-0001').ticket;
    expect(signer.verify(other, 'ev-1', T0, 'session-0001')).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify(ticket.replace('session-0001', 'session-0002'), 'ev-1', T0)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(signer.verify(ticket, 'ev-2', T0)).toEqual({ ok: false, reason: 'wrong-event' });
    expect(signer.verify(ticket, 'ev-1', T0, 'session-0002')).toEqual({ ok: false, reason: 'wrong-session' });
    for (const bad of ['', 'v1', 'v2.ev-1.session-0001.1.x', 'v1.ev-1.session-0001.soon.x', 'v1..session-0001.1.x']) {
      expect(signer.verify(bad, 'ev-1', T0)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('makes distinct 16-character session ids', () => {
    const ids = Array.from({ length: 200 }, () => newSessionId());
    expect(new Set(ids).size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
