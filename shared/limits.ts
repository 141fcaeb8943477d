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

/** Most samples a viewer's problem report carries; the collector keeps this many of its newest for it. */
export const MAX_REPORT_SAMPLES = 40;

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

/** A viewer ticket admits its session's handshakes and beacons this long; clients renew it at half-life. */
export const VIEWER_TICKET_TTL_MS = 15 * 60_000;
/** An authentic ticket this far past its expiry still renews (same session): a page hidden for hours continues. */
export const VIEWER_TICKET_RENEW_WINDOW_MS = 24 * 60 * 60_000;
/**
 * A viewer socket that sent no valid sample or funnel step (nor failure, pre-flight) by then is closed; it never
 * counted.
 */
export const VIEWER_IDLE_DEADLINE_MS = 60_000;
/** Failures one viewing session can add to a phase's counts; later ones are acked but not counted or stored. */
export const MAX_FAILURES_PER_SESSION = 20;

// --- Plausibility: values no real browser reports (docs/protocol.md "Plausibility"). Refused as `invalid-payload`. ---

/** Payload bitrate of one stream, from its byte counter between two samples (1 Gbit/s). */
export const MAX_BITRATE_KBPS = 1_000_000;
/** Packets per second of one stream (1 Gbit/s of 600-byte packets, with room to spare). */
export const MAX_PACKETS_PER_SECOND = 250_000;
/** `framesPerSecond`, and decoded/received frames per second from the counters. */
export const MAX_FPS = 240;
/** Frames a decoder may catch up in one interval beyond `MAX_FPS` (a burst after a freeze). */
export const MAX_FRAME_BURST = 120;
/** Longest side of a frame (8K UHD), and the most pixels in one frame (7680 × 4320). */
export const MAX_FRAME_SIDE_PX = 7_680;
export const MAX_FRAME_PIXELS = 7_680 * 4_320;
/** Audio samples received per second (8 channels at 96 kHz). */
export const MAX_AUDIO_SAMPLES_PER_SECOND = 768_000;
/** RFC 3550 jitter (s), and the average jitter-buffer delay per emitted frame or sample (s). */
export const MAX_JITTER_S = 30;
export const MAX_JITTER_BUFFER_S = 30;
/** A viewer timestamp (sample, funnel step, failure, pre-flight, leave, Sora count) this far from the server clock. */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60_000;

// --- Sora's count as reported by viewers (docs/sora.md). ---

/** A viewer-reported Sora count is dropped this long after it was reported (or once its reporter's session ends). */
export const SFU_VIEWER_COUNT_TTL_MS = 5 * 60_000;

// --- The broadcaster's upload: publisher samples over the host socket (docs/protocol.md "The broadcaster's upload").
// ---

/** How often the publisher collector sends `publisher:sample` (each batch carries the samples polled since). */
export const PUBLISHER_SEND_INTERVAL_MS = 1_000;
/** Most samples in one `publisher:sample` message (resends after an outage go in chunks). */
export const MAX_PUBLISHER_SAMPLES_PER_BATCH = 30;
/** Unacknowledged samples the publisher collector keeps while the server is away: 10 minutes at 1 s polling. */
export const PUBLISHER_BUFFER_CAPACITY = 600;
/** `publisher:sample` messages one host connection may send: a token bucket of this rate and burst. */
export const PUBLISHER_RATE_PER_SECOND = 4;
export const PUBLISHER_RATE_BURST = 20;
/** Publishers reporting at once in one event phase; a further one is refused (`rate-limited`) until one goes quiet. */
export const MAX_PUBLISHERS_PER_EVENT = 4;
/** A publisher with no sample for this long is shown as not reporting, and its upload as stalled. */
export const PUBLISHER_STALE_MS = 10_000;
/** Upload points the server keeps per event phase, and sends a dashboard as history (one hour at 1 s). */
export const PUBLISHER_HISTORY_LIMIT = 3_600;
