/** @module What the fake Sora does to connections on a channel: the failure each e2e scenario needs. */

export type Scenario = {
  /** Ask Kansoku's auth webhook first; a denial closes the WebSocket with 4001 and the webhook's reason. */
  auth?: boolean;
  /** Close with this 4xxx code and reason right after `connect`. */
  reject?: { code: number; reason: string };
  /** Accept `connect` and then say nothing (the SDK would wait forever). */
  noOffer?: boolean;
  /** Send an offer whose only candidate points at a port where nothing listens. */
  unreachableIce?: boolean;
  /** Close the WebSocket `ms` after the answer (1000: Sora's normal shutdown; 4999: an abnormal end). */
  closeAfter?: { ms: number; code: number; reason?: string; once?: boolean; done?: boolean };
};

export type ScenarioBook = Map<string, Scenario>;

/** Channels without an entry behave normally. */
export const scenarioFor = (book: ScenarioBook, channelId: string): Scenario => book.get(channelId) ?? {};
