/** @module The connection state in words (pure): which message, with what tone, for the page and session state. */
import type { MessageKey } from './i18n/messages-en.ts';
import type { PageStatus } from './watch-page.svelte.ts';
import type { WatchPhase } from './watch-session.svelte.ts';

export type Tone = 'busy' | 'good' | 'warn' | 'bad' | 'idle';
export type StatusText = { key: MessageKey; params: Record<string, number>; tone: Tone };

export type StatusInput = {
  page: PageStatus;
  phase: WatchPhase | null;
  waitingForMedia: boolean;
  retryInSeconds: number | null;
  /** The video played at least once on this page: "connection lost", not "could not connect". */
  everPlayed: boolean;
};

const PAGE: Record<Exclude<PageStatus, 'ready'>, StatusText> = {
  loading: { key: 'status.loading', params: {}, tone: 'busy' },
  'not-found': { key: 'status.not-found', params: {}, tone: 'idle' },
  'load-error': { key: 'status.load-error', params: {}, tone: 'bad' },
  'not-configured': { key: 'status.not-configured', params: {}, tone: 'idle' },
  'event-ended': { key: 'status.event-ended', params: {}, tone: 'idle' },
};

const PHASE: Record<WatchPhase, StatusText> = {
  checking: { key: 'status.checking', params: {}, tone: 'busy' },
  checked: { key: 'status.checked', params: {}, tone: 'good' },
  blocked: { key: 'status.blocked', params: {}, tone: 'bad' },
  joining: { key: 'status.joining', params: {}, tone: 'busy' },
  connected: { key: 'status.connected', params: {}, tone: 'busy' },
  watching: { key: 'status.watching', params: {}, tone: 'good' },
  reconnecting: { key: 'status.reconnecting', params: {}, tone: 'warn' },
  failed: { key: 'status.failed', params: {}, tone: 'bad' },
  shutdown: { key: 'status.shutdown', params: {}, tone: 'idle' },
};

export function statusText(input: StatusInput): StatusText {
  if (input.page !== 'ready' || input.phase === null) return input.page === 'ready' ? PAGE.loading : PAGE[input.page];
  if (input.phase === 'connected' && input.waitingForMedia) return { key: 'player.no-media', params: {}, tone: 'warn' };
  if (input.phase === 'reconnecting') {
    const key = input.everPlayed ? 'status.reconnecting' : 'status.retrying';
    return { ...PHASE.reconnecting, key, params: { seconds: input.retryInSeconds ?? 0 } };
  }
  if (input.phase === 'failed' && input.everPlayed) return { ...PHASE.failed, key: 'status.reconnect-failed' };
  return PHASE[input.phase];
}
