/**
 * @module The new-event form's fields as a create request (pure), or the first thing wrong with them: the Sora
 * settings (signaling URL and channel both or neither; the codec, AV1 unless changed, and the signaling metadata, a
 * JSON object, belong to them) and the Discord channel questions are read from (ids are digits). The server checks the
 * same again (shared/event.ts); this only says it sooner, in the host's language, next to the field.
 */
import type { VideoCodec } from '../../../../shared/event.ts';
import type { EventCreateInput } from '../api.ts';
import type { MessageKey } from '../i18n/index.ts';

/** The codecs the form offers, the default first (H.265 stays reachable through the REST API). */
export const FORM_CODECS = ['AV1', 'VP9', 'H264', 'VP8'] as const satisfies readonly VideoCodec[];
export type FormCodec = (typeof FORM_CODECS)[number];
export const codecLabel = (codec: FormCodec): string => (codec === 'H264' ? 'H.264' : codec);

export type EventFormFields = {
  title: string;
  /** `datetime-local` value (the host's local time), or empty. */
  start: string;
  signaling: string;
  channel: string;
  codec: FormCodec;
  /** Sora signaling metadata as typed: JSON text, or empty. */
  metadata: string;
  guildId: string;
  discordChannel: string;
};

export const emptyFields = (): EventFormFields => ({
  title: '',
  start: '',
  signaling: '',
  channel: '',
  codec: 'AV1',
  metadata: '',
  guildId: '',
  discordChannel: '',
});

export type FormField = keyof EventFormFields;
export type FormResult =
  | { ok: true; input: EventCreateInput }
  | { ok: false; problem: MessageKey; field: FormField; vars?: Record<string, string | number> };

/** Longest metadata key the server accepts (shared/event.ts). */
const MAX_METADATA_KEY = 64;
const SNOWFLAKE = /^\d{1,20}$/;

type Invalid = Extract<FormResult, { ok: false }>;

function parseMetadata(text: string): { value: Record<string, unknown> } | { invalid: Invalid } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { invalid: { ok: false, problem: 'create.metadataJson', field: 'metadata' } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { invalid: { ok: false, problem: 'create.metadataObject', field: 'metadata' } };
  if (Object.keys(value).some((k) => k.length > MAX_METADATA_KEY))
    return {
      invalid: { ok: false, problem: 'create.metadataKey', field: 'metadata', vars: { max: MAX_METADATA_KEY } },
    };
  return { value: value as Record<string, unknown> };
}

/** `toIso` turns the `datetime-local` value (the host's local time) into an ISO timestamp. */
export function buildCreateInput(f: EventFormFields, toIso: (local: string) => string): FormResult {
  const url = f.signaling.trim();
  const channel = f.channel.trim();
  const metadataText = f.metadata.trim();
  if ((url === '') !== (channel === ''))
    return { ok: false, problem: 'create.soraBoth', field: url === '' ? 'signaling' : 'channel' };
  if (url === '' && (metadataText !== '' || f.codec !== 'AV1'))
    return { ok: false, problem: 'create.soraNeeded', field: 'signaling' };
  let metadata: Record<string, unknown> | null = null;
  if (metadataText !== '') {
    const parsed = parseMetadata(metadataText);
    if ('invalid' in parsed) return parsed.invalid;
    metadata = parsed.value;
  }
  const guildId = f.guildId.trim();
  const discordChannel = f.discordChannel.trim();
  for (const [field, id] of [
    ['guildId', guildId],
    ['discordChannel', discordChannel],
  ] as const)
    if (id !== '' && !SNOWFLAKE.test(id)) return { ok: false, problem: 'create.discordId', field };
  return {
    ok: true,
    input: {
      title: f.title,
      scheduledStart: f.start ? toIso(f.start) : null,
      sora: url ? { signalingUrls: [url], channelId: channel, videoCodecType: f.codec, metadata } : null,
      discord: { guildId: guildId || null, channelId: discordChannel || null, registrationPattern: null },
    },
  };
}
