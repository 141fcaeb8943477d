/**
 * @module Viewer admission: mints and renews tickets within the per-address and per-event budgets, and checks the
 * ticket a handshake or beacon presents. Created once by the composition root; the key comes from ticket-key.ts.
 */
import { VIEWER_TICKET_RENEW_WINDOW_MS, VIEWER_TICKET_TTL_MS } from '../../shared/limits.ts';
import type { ViewerTicket } from '../../shared/viewer-ticket.ts';
import { takeAll } from './budget.ts';
import { createTicketSigner, type TicketCheck, type TicketSigner } from './ticket-signer.ts';
import { createViewerBudgets, type ViewerBudgetRates, type ViewerBudgets } from './viewer-budgets.ts';

export type AdmissionOptions = {
  key: Buffer;
  /** TRUST_PROXY: proxies whose `X-Forwarded-For` entry is believed for the address budgets (0 = the peer address). */
  trustProxy?: number;
  budgets?: ViewerBudgetRates;
  ttlMs?: number;
};

export type BudgetKind = keyof ViewerBudgets;

export type Admission = {
  readonly trustProxy: number;
  /**
   * A ticket for a page at `address`: the same session when `renew` is an authentic ticket of this event (expired
   * up to VIEWER_TICKET_RENEW_WINDOW_MS ago), else a new session. Null when a ticket budget is spent.
   */
  issue(eventId: string, address: string, now: number, renew?: string): ViewerTicket | null;
  /** Whether `ticket` admits `sessionId` of `eventId` now. */
  check(eventId: string, sessionId: string, ticket: string, now: number): TicketCheck;
  /** Takes one unit of the address's and the event's budget of `kind`; false (nothing taken) when either is spent. */
  spend(kind: BudgetKind, eventId: string, address: string, now: number): boolean;
  /** For tools that hold the key (the demo's simulator): a ticket for a session id of their choosing. */
  readonly signer: TicketSigner;
};

export function createAdmission(options: AdmissionOptions): Admission {
  const signer = createTicketSigner(options.key);
  const budgets = createViewerBudgets(options.budgets);
  const ttlMs = options.ttlMs ?? VIEWER_TICKET_TTL_MS;
  const spend = (kind: BudgetKind, eventId: string, address: string, now: number): boolean =>
    takeAll(now, [budgets[kind].address, address], [budgets[kind].event, eventId]);
  return {
    trustProxy: options.trustProxy ?? 0,
    signer,
    spend,
    issue(eventId, address, now, renew) {
      if (!spend('tickets', eventId, address, now)) return null;
      const previous =
        renew === undefined ? null : signer.verify(renew, eventId, now, undefined, VIEWER_TICKET_RENEW_WINDOW_MS);
      return signer.mint(eventId, now, ttlMs, previous?.ok ? previous.sessionId : undefined);
    },
    check: (eventId, sessionId, ticket, now) => signer.verify(ticket, eventId, now, sessionId),
  };
}
