/**
 * @module Connectivity: what the page knows about its own network, as reactive state — the Kansoku socket (from its
 * connect / disconnect / connect_error events) and the browser's online flag. The wiring lives in main.ts.
 */
import { nextLinkState, type Evidence, type LinkEvent, type LinkState } from './viewer-advice.ts';

export class Connectivity {
  kansoku = $state<LinkState>('connecting');
  online = $state(true);

  constructor(online = true) {
    this.online = online;
  }

  link(event: LinkEvent): void {
    this.kansoku = nextLinkState(this.kansoku, event);
  }

  /** The evidence for the failure advice, with whether the video ever played. */
  evidence(everPlayed: boolean): Evidence {
    return { everPlayed, kansoku: this.kansoku, online: this.online };
  }
}
