/**
 * @module The links a host hands out before the show: the public watch page (`/watch/:id`, with the event's viewer
 * token when the server has one, so Sora's auth webhook lets viewers in) and the pre-flight check (`/check/:id`).
 */
import { HttpError } from '../../lib/http.ts';
import type { HostApi } from '../api.ts';

export class ShareLinks {
  /** The watch path with `?token=` from the server, or null (no SORA_WEBHOOK_SECRET, or not asked yet). */
  tokenPath = $state<string | null>(null);
  readonly #origin: string;
  readonly #eventId: string;
  readonly #api: Pick<HostApi, 'viewerToken'>;

  constructor(origin: string, eventId: string, api: Pick<HostApi, 'viewerToken'>) {
    this.#origin = origin.replace(/\/+$/, '');
    this.#eventId = eventId;
    this.#api = api;
  }

  get watch(): string {
    return `${this.#origin}${this.tokenPath ?? `/watch/${encodeURIComponent(this.#eventId)}`}`;
  }
  get withToken(): boolean {
    return this.tokenPath !== null;
  }
  get check(): string {
    return `${this.#origin}/check/${encodeURIComponent(this.#eventId)}`;
  }

  /** Asks for the tokened watch link; a server without viewer tokens answers 409 and the plain link stays. */
  async load(): Promise<void> {
    try {
      this.tokenPath = (await this.#api.viewerToken(this.#eventId)).watchPath;
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
    }
  }
}
