/**
 * @module Whose problem it is, in words (pure): picks the failure advice from the category and the evidence the page
 * has (did the video ever play, can the browser reach Kansoku, does it say it is online), so the viewer's network is
 * blamed only when the evidence points there (issue 12).
 */
import type { FailureCategory } from '../../../shared/funnel.ts';
import type { MessageKey } from './i18n/messages-en.ts';
import { RETRYABLE } from './join/classify.ts';

/** The page's own socket to Kansoku (telemetry, questions): never affects the video. */
export type LinkState = 'connecting' | 'connected' | 'lost' | 'unreachable';
export type LinkEvent = 'connect' | 'disconnect' | 'connect_error';

export type Evidence = {
  /** This page played the video at least once. */
  everPlayed: boolean;
  kansoku: LinkState;
  /** `navigator.onLine`: false means no network at all; true proves little. */
  online: boolean;
};

/** Where the evidence points: what the advice tells the viewer to look at. */
export type Cause = 'offline' | 'internet' | 'streaming-server' | 'viewer-network' | 'connection' | 'other';

export type Advice = { key: MessageKey; cause: Cause };

/** Failures that a network problem on either side can cause: those worth retrying, as the network may recover. */
const NETWORK: ReadonlySet<FailureCategory> = RETRYABLE;

const kansokuDown = (e: Evidence): boolean => e.kansoku === 'lost' || e.kansoku === 'unreachable';

export function failureAdvice(category: FailureCategory, e: Evidence): Advice {
  // `onLine` is false on a machine with no network interface; a live Kansoku socket proves otherwise.
  if (NETWORK.has(category) && !e.online && e.kansoku !== 'connected')
    return { key: 'failure-advice.offline', cause: 'offline' };
  switch (category) {
    case 'signaling-unreachable':
    case 'all-candidates-failed':
      // Both servers silent: most likely this device's connection. Kansoku answers: the streaming server is down
      // for everyone or blocked on this network; the page cannot tell which, so it says both.
      return kansokuDown(e)
        ? { key: 'failure-advice.internet', cause: 'internet' }
        : { key: 'failure-advice.sora-unreachable', cause: 'streaming-server' };
    case 'join-timeout':
      // The WebSocket opened, so the path to the server works; the server did not answer.
      return { key: 'failure-advice.sora-slow', cause: 'streaming-server' };
    case 'ice-failed':
      // Signaling worked, the media path did not: the classic firewall / UDP block.
      return { key: 'failure-advice.network', cause: 'viewer-network' };
    case 'connection-failed':
      return { key: 'failure-advice.connection-failed', cause: 'connection' };
    case 'dropped':
      return kansokuDown(e)
        ? { key: 'failure-advice.dropped-internet', cause: 'internet' }
        : { key: 'failure-advice.dropped', cause: 'connection' };
    case 'unsupported-browser':
    case 'codec-unsupported':
      return { key: 'failure-advice.browser', cause: 'other' };
    case 'signaling-rejected':
      return { key: 'failure-advice.signaling-rejected', cause: 'other' };
    case 'no-media':
      return { key: 'failure-advice.no-media', cause: 'other' };
    case 'autoplay-blocked':
      return { key: 'failure-advice.autoplay', cause: 'other' };
    case 'shutdown':
      return { key: 'failure-advice.shutdown', cause: 'other' };
  }
}

/** The Kansoku socket's state after one of its events. */
export function nextLinkState(state: LinkState, event: LinkEvent): LinkState {
  if (event === 'connect') return 'connected';
  if (event === 'disconnect') return 'lost';
  // A failed (re)connect: still "lost" once it had been up, "unreachable" if it never was.
  return state === 'connected' || state === 'lost' ? 'lost' : 'unreachable';
}

/** A line about the Kansoku link, shown only when it is down (it says the video is not affected). */
export function linkNote(state: LinkState): MessageKey | null {
  if (state === 'unreachable') return 'link.unreachable';
  if (state === 'lost') return 'link.lost';
  return null;
}
