/**
 * @module The page's viewer ticket (shared/viewer-ticket.ts): taken from the public event or fetched with
 * `POST /api/public/events/:id/ticket`, renewed at half-life (and when the server refuses it), and read by the
 * socket handshake and by beacons. A renewal keeps the session; a refused or unknown ticket gets a new one.
 */
import { VIEWER_TICKET } from '../../../shared/public-api.ts';
import { urlOf, type AnswerOf, type BodyIn } from '../../../shared/rest.ts';
import type { ViewerTicket } from '../../../shared/viewer-ticket.ts';

export type ViewerCredentials = { sessionId: string; ticket: string };

export type ViewerPassOptions = {
  /** Origin of the Kansoku server (no trailing slash). */
  server: string;
  eventId: string;
  fetcher?: typeof fetch;
  now?: () => number;
  /** A ticket this page load already has (the watch page's public event carries one). */
  issued?: ViewerTicket | null;
  /** A ticket from an earlier load of the page, to continue its session (renewed first). */
  resume?: string;
  /** Every new ticket, e.g. to keep it in sessionStorage for a reload. */
  onTicket?: (ticket: ViewerTicket) => void;
};

export class ViewerPass {
  readonly #options: ViewerPassOptions;
  #current: ViewerCredentials | null = null;
  #renewAt = 0;
  #resume: string | undefined;
  #pending: Promise<ViewerCredentials | null> | null = null;

  constructor(options: ViewerPassOptions) {
    this.#options = options;
    this.#resume = options.resume;
    if (options.issued && options.resume === undefined) this.#adopt(options.issued);
  }

  /** The ticket to present now (null before the first one arrived). */
  get current(): ViewerCredentials | null {
    return this.#current;
  }

  /** A ticket fresh enough to connect with: renewed when past half-life, or always with `force` (the server refused it). */
  fresh(force = false): Promise<ViewerCredentials | null> {
    const now = this.#now();
    if (!force && this.#current && now < this.#renewAt) return Promise.resolve(this.#current);
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  async #fetch(): Promise<ViewerCredentials | null> {
    const { server, eventId, fetcher = fetch } = this.#options;
    const previous = this.#current?.ticket ?? this.#resume;
    try {
      // text/plain: a simple request, so an embedding page on another origin needs no CORS preflight.
      const body: BodyIn<typeof VIEWER_TICKET> = previous === undefined ? {} : { ticket: previous };
      const response = await fetcher(server + urlOf(VIEWER_TICKET.path, { id: eventId }), {
        method: VIEWER_TICKET.method,
        body: JSON.stringify(body),
        headers: { 'content-type': 'text/plain' },
      });
      if (response.ok) this.#adopt((await response.json()) as AnswerOf<typeof VIEWER_TICKET>);
    } catch {
      // Offline: keep what there is; the socket's next attempt asks again.
    }
    this.#resume = undefined;
    if (!this.#current && this.#options.issued) this.#adopt(this.#options.issued);
    return this.#current;
  }

  #adopt(ticket: ViewerTicket): void {
    this.#current = { sessionId: ticket.sessionId, ticket: ticket.ticket };
    this.#renewAt = this.#now() + ticket.expiresInMs / 2;
    this.#options.onTicket?.(ticket);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
