/**
 * @module WatchPage: loading the event, then handing over to a WatchSession. Separate from the session so that
 * "this broadcast does not exist / is not ready / has ended" never reaches the join code.
 */
import type { PublicEvent } from '../../../shared/sora-webhook.ts';
import type { LoadResult } from './public-event.ts';
import type { WatchRoute } from './route.ts';
import type { WatchSession } from './watch-session.svelte.ts';

export type PageStatus = 'loading' | 'not-found' | 'load-error' | 'not-configured' | 'event-ended' | 'ready';

export type ReadyEvent = PublicEvent & { sora: NonNullable<PublicEvent['sora']> };

export type WatchPageDeps = {
  load(eventId: string): Promise<LoadResult>;
  /** Builds the session (and its reporting) once the event is known. */
  createSession(event: ReadyEvent, route: WatchRoute): WatchSession;
};

export class WatchPage {
  status = $state<PageStatus>('loading');
  event = $state.raw<PublicEvent | null>(null);
  session = $state.raw<WatchSession | null>(null);
  readonly route: WatchRoute;
  readonly #deps: WatchPageDeps;

  constructor(route: WatchRoute, deps: WatchPageDeps) {
    this.route = route;
    this.#deps = deps;
  }

  async load(): Promise<void> {
    const result = await this.#deps.load(this.route.eventId);
    if (!result.ok) {
      this.status = result.reason;
      return;
    }
    const event = result.event;
    this.event = event;
    if (!event.sora) {
      this.status = 'not-configured';
      return;
    }
    // A check still makes sense after the event: viewers test their setup ahead of the next one.
    if (event.phase === 'ended' && this.route.mode === 'watch') {
      this.status = 'event-ended';
      return;
    }
    const session = this.#deps.createSession({ ...event, sora: event.sora }, this.route);
    this.session = session;
    this.status = 'ready';
    await session.start();
  }

  stop(): void {
    this.session?.stop();
  }
}
