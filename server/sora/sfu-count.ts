/**
 * @module Sora's count of recvonly connections for one event phase (pure): from Sora's webhooks, or as viewers saw
 * it in Sora's `notify`. The webhook is Sora's own word and always wins. A viewer's report is only a hint: capped
 * by the sessions the phase has seen, dropped when its reporter's session ends or after `SFU_VIEWER_COUNT_TTL_MS`
 * (issue 10: one viewer set the count to 9,999,999, and an empty channel kept showing "Sora count 5").
 */
import { SFU_VIEWER_COUNT_TTL_MS } from '../../shared/limits.ts';
import type { EventMonitor } from '../live/event-monitor.ts';

/** `t`: when it was true (Sora's or the viewer's clock, never later than the server's). */
export type SfuCount = { recvonly: number; t: number };

export type SfuState = {
  webhook: SfuCount | null;
  /** The newest viewer report (by arrival): server time `at`, and the session that sent it. */
  viewer: (SfuCount & { at: number; sessionId: string }) | null;
};

export const noSfuCount = (): SfuState => ({ webhook: null, viewer: null });

/** Sora's webhook: the latest by Sora's timestamp wins. */
export function recordWebhookCount(state: SfuState, recvonly: number, t: number): void {
  if (!state.webhook || t >= state.webhook.t) state.webhook = { recvonly, t };
}

/**
 * A viewer forwarded Sora's `notify` count: ignored once the phase has a webhook count, capped by `seen` (the
 * sessions the phase has seen), stamped no later than `now`.
 */
export function recordViewerCount(
  state: SfuState,
  report: SfuCount & { sessionId: string },
  seen: number,
  now: number,
): void {
  if (state.webhook) return;
  state.viewer = {
    recvonly: Math.min(report.recvonly, seen),
    t: Math.min(report.t, now),
    at: now,
    sessionId: report.sessionId,
  };
}

/** The count to show now: the webhook's, else a viewer's while it is fresh and its reporter is still open. */
export function currentSfuCount(state: SfuState, now: number, isOpen: (sessionId: string) => boolean): SfuCount | null {
  if (state.webhook) return { ...state.webhook };
  const report = state.viewer;
  if (!report || now - report.at > SFU_VIEWER_COUNT_TTL_MS || !isOpen(report.sessionId)) return null;
  return { recvonly: report.recvonly, t: report.t };
}

/** `currentSfuCount` of a monitor: a reporter is open while its session has not ended. */
export const monitorSfuCount = (m: EventMonitor, now: number): SfuCount | null =>
  currentSfuCount(m.sfu, now, (sessionId) => m.viewers.get(sessionId)?.ending === null);
