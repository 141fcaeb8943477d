/** @module Helpers for the admission tests: fetching tickets over REST, connect refusals, and the live tick. */
import type { Socket } from 'socket.io-client';
import type { PublicEvent } from '../../../shared/sora-webhook.ts';
import type { Tick } from '../../../shared/tick.ts';
import type { ViewerTicket } from '../../../shared/viewer-ticket.ts';
import { viewerSocket, type ViewerSocket } from '../../helpers/clients.ts';
import type { TestServer } from '../../helpers/start-test-server.ts';

/** `POST /api/public/events/:id/ticket` as the embed sends it (text/plain JSON). */
export const postTicket = (url: string, eventId: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/public/events/${eventId}/ticket`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', ...headers },
    body: JSON.stringify(body),
  });

export async function fetchTicket(url: string, eventId: string, renew?: string): Promise<ViewerTicket> {
  const res = await postTicket(url, eventId, renew === undefined ? {} : { ticket: renew });
  if (res.status !== 200) throw new Error(`ticket: ${res.status} ${await res.text()}`);
  return (await res.json()) as ViewerTicket;
}

export async function publicEvent(url: string, eventId: string): Promise<PublicEvent> {
  return (await (await fetch(`${url}/api/public/events/${eventId}`)).json()) as PublicEvent;
}

/** Resolves with the refusal's code (`err.data.code`), or 'connected'. */
export function outcome(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
  });
}

/** A viewer socket with exactly this auth (no ticket added unless given). */
export const rawViewer = (url: string, auth: Record<string, unknown>): ViewerSocket =>
  viewerSocket(url, { ticket: undefined, ...auth });

export const liveTick = async (server: TestServer, eventId: string): Promise<Tick> =>
  (await (await server.api(`/api/events/${eventId}/live`)).json()) as Tick;
