/** @module What a collector polls: a peer connection, or a sora-js-sdk connection whose `.pc` changes over time. */
import type { StatsReportLike } from './stats-fields.ts';

/** A sora-js-sdk connection (`ConnectionSubscriber`, `ConnectionPublisher`), or any object exposing its peer connection as `.pc`. */
export type SoraConnectionLike = { readonly pc: RTCPeerConnection | null };
export type AttachTarget = RTCPeerConnection | SoraConnectionLike;

export type StatsSource = {
  /** `pc.getStats()`, or null when there is no peer connection right now. */
  getStats: () => Promise<StatsReportLike | null>;
  /** `pc.connectionState` (`iceConnectionState` where it is missing; `closed` without a peer connection). */
  peerState: () => string;
};

/**
 * getStats and connection state for either kind of target. `.pc` is read at every call: sora-js-sdk replaces the
 * peer connection on re-offer and sets it to null on disconnect. No peer connection → `getStats` resolves null.
 */
export function statsSource(target: AttachTarget): StatsSource {
  // A sora-js-sdk connection also has a (private) getStats method, so tell them apart by `.pc`.
  const current = (): RTCPeerConnection | null => ('pc' in target ? target.pc : target);
  return {
    getStats: async () => {
      const pc = current();
      return pc ? pc.getStats() : null;
    },
    // Firefox before 113 has no connectionState; summarizeStats maps the ICE state names.
    peerState: () => {
      const pc = current();
      return pc ? (pc.connectionState ?? pc.iceConnectionState ?? '') : 'closed';
    },
  };
}
