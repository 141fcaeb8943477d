/**
 * @module What Sora sends to Kansoku (event webhook, auth webhook), what Kansoku answers, and the public and
 * host-only views built from them. Sora adds fields over time, so requests are loose objects: only the fields
 * read here are checked (docs/sora.md; field names from sora-server-sdk-go's webhook types).
 */
import * as v from 'valibot';
import type { Phase, VideoCodec } from './event.ts';
import type { ViewerTicket } from './viewer-ticket.ts';

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const channelId = v.pipe(v.string(), v.minLength(1), v.maxLength(255));

/** The `connection.*` event types Kansoku acts on; any other type is accepted and ignored. */
export const SORA_CONNECTION_EVENTS = [
  'connection.created',
  'connection.updated',
  'connection.destroyed',
  'connection.failed',
] as const;
export type SoraConnectionEvent = (typeof SORA_CONNECTION_EVENTS)[number];

export const SoraEventWebhookSchema = v.looseObject({
  type: text(100),
  /** ISO 8601 (UTC) set by Sora when the event happened. */
  timestamp: v.optional(text(64)),
  channel_id: v.optional(channelId),
  role: v.optional(text(32)),
  connection_id: v.optional(text(64)),
  data: v.optional(
    v.looseObject({
      channel_recvonly_connections: v.optional(count),
      channel_connections: v.optional(count),
      /** `connection.destroyed`: the client's `disconnect.reason` (NO-ERROR, or an abend title). */
      type_disconnect_reason: v.optional(text(200)),
      reason: v.optional(text(200)),
      /** `connection.failed`. */
      message: v.optional(text(500)),
    }),
  ),
});
export type SoraEventWebhook = v.InferOutput<typeof SoraEventWebhookSchema>;

export const SoraAuthWebhookSchema = v.looseObject({
  channel_id: channelId,
  role: text(32),
  connection_id: v.optional(text(64)),
  /** What the client put in `metadata`; a Kansoku viewer token travels as `metadata.kansoku_token`. */
  metadata: v.optional(v.unknown()),
  channel_recvonly_connections: v.optional(count),
  timestamp: v.optional(text(64)),
});
export type SoraAuthWebhook = v.InferOutput<typeof SoraAuthWebhookSchema>;

/** The metadata key the watch page puts the viewer token under, and the auth webhook reads. */
export const VIEWER_TOKEN_METADATA_KEY = 'kansoku_token';

/** Sora requires `reason` with `allowed: false`. */
export type SoraAuthResponse = { allowed: true } | { allowed: false; reason: string };

/** Counts from Sora's side of one event in its current phase (`GET /api/events/:id/sora`). */
export type SoraSideSummary = {
  phase: Phase;
  /** Latest `channel_recvonly_connections` (webhook or a viewer's notify), with its time in ms. */
  sfu: { recvonly: number; t: number } | null;
  webhooks: { created: number; updated: number; destroyed: number; failed: number; lastAt: number | null };
  /** `connection.destroyed` of viewers by `type_disconnect_reason` (abend titles show drops Sora saw). */
  destroyedReasons: Record<string, number>;
  /** `connection.failed` messages, newest first (at most 20). */
  recentFailed: Array<{ t: number; message: string }>;
  auth: { attempts: number; allowed: number; denied: number; deniedReasons: Record<string, number> };
};

/** `GET /api/public/events/:id`: what a viewer page needs, nothing more (no auth). */
export type PublicEvent = {
  id: string;
  title: string;
  phase: Phase;
  /** Null until the host has configured Sora. Metadata is public: every viewer sends it to Sora. */
  sora: {
    signalingUrls: string[];
    channelId: string;
    videoCodecType: VideoCodec;
    metadata: Record<string, unknown> | null;
  } | null;
  minChromeVersion: number;
  /** Own join watchdog (sora-js-sdk's connectionTimeout never fires in 2026.1.0). */
  joinTimeoutMs: number;
  /** Connected but no decoded frame for this long: `no-media`. */
  noMediaTimeoutMs: number;
  /** This page load's viewer ticket and session (shared/viewer-ticket.ts); null when the ticket budget is spent. */
  viewer: ViewerTicket | null;
};

/** `GET /api/events/:id/viewer-token` (host only). */
export type ViewerTokenInfo = { eventId: string; token: string; watchPath: string; publisherToken: string };
