/** @module The publisher form's choices and the Sora plan built from them and the event (pure). */
import type { KansokuEvent, VideoCodec } from '../../../shared/event.ts';
import { VIEWER_TOKEN_METADATA_KEY } from '../../../shared/sora-webhook.ts';
import type { PublishPlan } from './sora-publisher.ts';

export const FRAME_RATES = [5, 15, 30, 60] as const;

export type PublishForm = {
  videoCodecType: VideoCodec;
  frameRate: number;
  /** kbit/s as typed; '' for Sora's default. */
  videoBitRate: string;
  audio: boolean;
};

export const defaultForm = (event: KansokuEvent): PublishForm => ({
  videoCodecType: event.sora?.videoCodecType ?? 'AV1',
  frameRate: 30,
  videoBitRate: '',
  audio: true,
});

/** A bitrate Sora accepts (1–50,000 kbit/s), or null for Sora's default (empty or not a number). */
export function bitRate(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 50_000 ? n : null;
}

/**
 * The event's Sora settings with the form's choices; the publisher token (when Kansoku answers Sora's auth webhook)
 * goes into the metadata where the webhook looks for it. Null without Sora settings.
 */
export function planFor(event: KansokuEvent, form: PublishForm, publisherToken: string | null): PublishPlan | null {
  const sora = event.sora;
  if (!sora) return null;
  const metadata = publisherToken
    ? { ...(sora.metadata ?? {}), [VIEWER_TOKEN_METADATA_KEY]: publisherToken }
    : (sora.metadata ?? null);
  return {
    signalingUrls: [...sora.signalingUrls],
    channelId: sora.channelId,
    metadata,
    videoCodecType: form.videoCodecType,
    videoBitRate: bitRate(form.videoBitRate),
    frameRate: form.frameRate,
    audio: form.audio,
  };
}
