/**
 * @module Reads one Sora event webhook (pure): which connection event it is, Sora's recvonly count and its time,
 * and the evidence worth keeping. Anything that is not a `connection.*` event is ignored.
 */
import { SORA_CONNECTION_EVENTS, type SoraConnectionEvent, type SoraEventWebhook } from '../../shared/sora-webhook.ts';

export type ConnectionUpdate = {
  kind: SoraConnectionEvent;
  channelId: string | undefined;
  /** When it happened (Sora's timestamp, never later than `now`), ms since epoch. */
  t: number;
  /** `channel_recvonly_connections` after this event, when Sora sent it. */
  recvonly: number | null;
  /** The connection is a viewer (`role: recvonly`). */
  viewer: boolean;
  /** `connection.destroyed`: why the client left (`type_disconnect_reason`, else `reason`). */
  reason: string | null;
  /** `connection.failed`: Sora's message. */
  message: string | null;
};

const isConnectionEvent = (type: string): type is SoraConnectionEvent =>
  (SORA_CONNECTION_EVENTS as readonly string[]).includes(type);

/**
 * Sora's clock is trusted for ordering, but a timestamp ahead of ours is clamped to `now`, so one wrong clock
 * cannot pin the "latest count wins" rule to a stale value.
 */
export function eventTime(timestamp: string | undefined, now: number): number {
  const parsed = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  return Number.isFinite(parsed) ? Math.min(parsed, now) : now;
}

export function readEventWebhook(hook: SoraEventWebhook, now: number): ConnectionUpdate | null {
  if (!isConnectionEvent(hook.type)) return null;
  const data = hook.data ?? {};
  return {
    kind: hook.type,
    channelId: hook.channel_id,
    t: eventTime(hook.timestamp, now),
    recvonly: data.channel_recvonly_connections ?? null,
    viewer: hook.role === 'recvonly',
    reason: hook.type === 'connection.destroyed' ? (data.type_disconnect_reason ?? data.reason ?? null) : null,
    message: hook.type === 'connection.failed' ? (data.message ?? null) : null,
  };
}
