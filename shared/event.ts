/** @module The broadcast event: schedule, phase, Sora and Discord settings. */
import * as v from 'valibot';

export const PHASES = ['scheduled', 'rehearsal', 'live', 'ended'] as const;
export type Phase = (typeof PHASES)[number];
export const PhaseSchema = v.picklist(PHASES);

/**
 * The phase a host sees first: the current one, except that an ended event opens on its show (`live`) —
 * viewers still on the page after the end are kept apart in `ended`, never in the show's numbers.
 */
export const defaultViewPhase = (event: { phase: Phase }): Phase => (event.phase === 'ended' ? 'live' : event.phase);

export const VIDEO_CODECS = ['AV1', 'VP9', 'VP8', 'H264', 'H265'] as const;
export type VideoCodec = (typeof VIDEO_CODECS)[number];

const signalingUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.regex(/^wss?:\/\/[^\s]+$/, 'must be a ws:// or wss:// URL'),
);
const snowflake = v.pipe(v.string(), v.regex(/^\d{1,20}$/, 'must be a Discord id (digits)'));
const metadata = v.nullable(v.record(v.pipe(v.string(), v.maxLength(64)), v.unknown()));

export const SoraSettingsSchema = v.object({
  signalingUrls: v.pipe(v.array(signalingUrl), v.minLength(1), v.maxLength(8)),
  channelId: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  videoCodecType: v.optional(v.picklist(VIDEO_CODECS), 'AV1'),
  metadata: v.optional(metadata, null),
  /** Oldest Chrome major version the pre-flight check accepts. */
  minChromeVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 90),
});
export type SoraSettings = v.InferOutput<typeof SoraSettingsSchema>;

export const DiscordSettingsSchema = v.object({
  guildId: v.optional(v.nullable(snowflake), null),
  channelId: v.optional(v.nullable(snowflake), null),
  /** Messages matching this (a regular expression source) count as registrations, not questions. */
  registrationPattern: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(500))), null),
});
export type DiscordSettings = v.InferOutput<typeof DiscordSettingsSchema>;

const title = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200));
const isoTime = v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp'));

export const EventCreateSchema = v.object({
  title,
  scheduledStart: v.optional(v.nullable(isoTime), null),
  phase: v.optional(v.picklist(PHASES), 'scheduled'),
  sora: v.optional(v.nullable(SoraSettingsSchema), null),
  discord: v.optional(DiscordSettingsSchema, { guildId: null, channelId: null, registrationPattern: null }),
});
export type EventCreate = v.InferOutput<typeof EventCreateSchema>;

export const EventPatchSchema = v.partial(EventCreateSchema);
export type EventPatch = v.InferOutput<typeof EventPatchSchema>;

export type KansokuEvent = {
  id: string;
  title: string;
  scheduledStart: string | null;
  phase: Phase;
  sora: SoraSettings | null;
  discord: DiscordSettings;
  createdAt: string;
  updatedAt: string;
};

/** Event ids are short URL-safe strings; validated wherever one arrives from outside. */
export const EventIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an event id'));
