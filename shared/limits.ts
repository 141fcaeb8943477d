/** @module Shared constants: cadences, sizes and rate limits that both sides agree on. */

/** How often the collector calls `getStats()`. */
export const POLL_INTERVAL_MS = 1_000;
/** Default interval between two `viewer:stats` batches; the server may change it through the ack. */
export const DEFAULT_SEND_INTERVAL_MS = 2_000;
/** Cadence the server asks for once an event has more than `BIG_AUDIENCE_VIEWERS` viewers. */
export const BIG_AUDIENCE_SEND_INTERVAL_MS = 5_000;
export const BIG_AUDIENCE_VIEWERS = 2_000;
/** Bounds for a cadence a server may request. */
export const MIN_SEND_INTERVAL_MS = 1_000;
export const MAX_SEND_INTERVAL_MS = 30_000;

/** Server aggregation tick. */
export const TICK_MS = 1_000;
/** Resolution of stored per-viewer history. */
export const HISTORY_BUCKET_MS = 10_000;

/** Unacknowledged samples the collector keeps while offline: 15 minutes at 1 s polling. */
export const SAMPLE_BUFFER_CAPACITY = 900;
/** Most samples in one `viewer:stats` message (resends after an outage go in chunks). */
export const MAX_SAMPLES_PER_BATCH = 60;
/** socket.io refuses frames larger than this (bytes). */
export const MAX_FRAME_BYTES = 64 * 1024;
/** REST bodies larger than this are refused with 413. */
export const MAX_REST_BODY_BYTES = 64 * 1024;

/** Per-connection token bucket for viewer messages. */
export const VIEWER_RATE_PER_SECOND = 10;
export const VIEWER_RATE_BURST = 40;
/** Invalid payloads tolerated per connection within `INVALID_WINDOW_MS` before it is dropped. */
export const MAX_INVALID_PER_WINDOW = 20;
export const INVALID_WINDOW_MS = 60_000;

/** A viewer whose socket is gone stays in the counts this long (reconnect grace). */
export const VIEWER_GRACE_MS = 30_000;
/** A watching viewer with no sample for this long is shown as stalled (`joining`). */
export const STALE_SAMPLE_MS = 10_000;

/** Ticks a host receives as history when it subscribes (one hour at 1 s). */
export const TICK_HISTORY_LIMIT = 3_600;
