/**
 * @module Video codec names as Kansoku counts them: a browser's string folded into the known set plus `other`,
 * so an untrusted label never becomes a key of its own (issue 10).
 */
import { VIDEO_CODECS, type VideoCodec } from './event.ts';

export type CodecName = VideoCodec | 'other';

/** Spellings browsers and SDKs use for the known codecs, upper case without `video/`. */
const ALIASES: ReadonlyMap<string, VideoCodec> = new Map<string, VideoCodec>([
  ...VIDEO_CODECS.map((c): [string, VideoCodec] => [c, c]),
  ['AV01', 'AV1'],
  ['H.264', 'H264'],
  ['AVC', 'H264'],
  ['AVC1', 'H264'],
  ['H.265', 'H265'],
  ['HEVC', 'H265'],
  ['HVC1', 'H265'],
]);

/** `AV1`, `vp9`, `video/H264` → the codec; anything else (empty included) → `other`. */
export function videoCodecName(raw: string): CodecName {
  const name = raw
    .trim()
    .toUpperCase()
    .replace(/^VIDEO\//, '');
  return ALIASES.get(name) ?? 'other';
}
